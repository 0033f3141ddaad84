package io.datadump.dump;

import java.util.function.IntFunction;

/** The deflate implementation and level gzip dumps are compressed with; {@link GzipEngines} picks one. */
public final class GzipEngine {
    /** DATADUMP_GZIP_ENGINE: ISA-L where it loads and the level is one of its own (1 to 3), or one of the two. */
    public enum Choice {
        AUTO,
        ISAL,
        ZLIB
    }

    private final String description;
    private final IntFunction<BlockDeflater> deflaters;

    GzipEngine(String description, IntFunction<BlockDeflater> deflaters) {
        this.description = description;
        this.deflaters = deflaters;
    }

    static GzipEngine zlib(int level) {
        return new GzipEngine("zlib level " + level, maxBlockBytes -> new ZlibBlockDeflater(level));
    }

    /** zlib, saying why (for the log). */
    static GzipEngine zlib(int level, String why) {
        return new GzipEngine("zlib level " + level + " (" + why + ")", maxBlockBytes -> new ZlibBlockDeflater(level));
    }

    /** For the log: which library at which level, e.g. "ISA-L level 2 (libisal.so.2)", and why if it is a fallback. */
    public String description() {
        return description;
    }

    /** A deflater for one compression thread, for blocks of at most that many bytes. */
    BlockDeflater newDeflater(int maxBlockBytes) {
        return deflaters.apply(maxBlockBytes);
    }

    @Override
    public String toString() {
        return description;
    }
}
