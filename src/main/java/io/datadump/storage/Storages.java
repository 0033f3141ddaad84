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
        throw new ConfigException("DATADUMP_STORAGE must be file:<directory>, not '" + spec + "'");
    }
}
