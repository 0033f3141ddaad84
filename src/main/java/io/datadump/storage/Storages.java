package io.datadump.storage;

/** Opens the storage its settings describe. */
public final class Storages {
    private Storages() {}

    public static Storage open(StorageSettings settings) {
        if (settings instanceof StorageSettings.Filesystem fs) return new FileStorage(fs.root(), fs.deltaMinBytes());
        if (settings instanceof StorageSettings.S3 s3) return new S3Storage(s3);
        throw new IllegalArgumentException("unknown storage settings " + settings);
    }
}
