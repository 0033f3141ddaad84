package io.datadump.storage;

import io.datadump.config.Config;
import io.datadump.config.ConfigException;

import java.nio.file.Path;

/** Builds the storage named by DATADUMP_STORAGE. */
public final class Storages {
    private Storages() {
    }

    public static Storage fromConfig(Config config) {
        String spec = config.storage();
        if (spec.startsWith("file:")) return new FileStorage(Path.of(spec.substring("file:".length())));
        if (spec.startsWith("s3://")) {
            String rest = spec.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : rest.substring(slash + 1);
            if (bucket.isEmpty()) throw new ConfigException("DATADUMP_STORAGE s3://<bucket>/<prefix> needs a bucket");
            return new S3Storage(new S3Storage.Settings(bucket, prefix, config.get("DATADUMP_S3_ENDPOINT"),
                    config.get("DATADUMP_S3_REGION").orElse("us-east-1"), config.get("DATADUMP_S3_ACCESS_KEY"),
                    config.get("DATADUMP_S3_SECRET_KEY"), config.get("DATADUMP_S3_PATH_STYLE").map(Boolean::parseBoolean).orElse(false),
                    8 << 20));
        }
        throw new ConfigException("DATADUMP_STORAGE must be file:<directory> or s3://<bucket>/<prefix>, not '" + spec + "'");
    }
}
