package io.datadump.dump;

/**
 * How dumps are written (gzip or plain JSON, the gzip level on zlib's scale of 1 to 9, and which deflate engine
 * compresses), which published dumps an account keeps, and on how many source connections one dump reads its tables
 * ({@code parallelism}, all on one snapshot).
 */
public record DumpSettings(
        boolean gzip, int gzipLevel, GzipEngine.Choice gzipEngine, RetentionPolicy retention, int parallelism) {
    public DumpSettings {
        if (parallelism < 1) throw new IllegalArgumentException("parallelism is at least 1, not " + parallelism);
    }

    public DumpSettings withGzip(boolean gzip) {
        return new DumpSettings(gzip, gzipLevel, gzipEngine, retention, parallelism);
    }

    public DumpSettings withGzipEngine(GzipEngine.Choice gzipEngine) {
        return new DumpSettings(gzip, gzipLevel, gzipEngine, retention, parallelism);
    }

    public DumpSettings withRetention(RetentionPolicy retention) {
        return new DumpSettings(gzip, gzipLevel, gzipEngine, retention, parallelism);
    }

    public DumpSettings withParallelism(int parallelism) {
        return new DumpSettings(gzip, gzipLevel, gzipEngine, retention, parallelism);
    }
}
