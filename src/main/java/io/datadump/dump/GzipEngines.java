package io.datadump.dump;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * Picks the {@link GzipEngine} for a choice and level, loading ISA-L at most once (the app holds one of these).
 *
 * <p>ISA-L is used only after it compressed a sample that zlib's inflater then read back exactly: the binding
 * writes a native struct at fixed offsets, and a library that is not the one it was written for must fail here, not
 * in a dump.
 */
public final class GzipEngines {
    private static final int ISAL_MAX_LEVEL = 3;

    private final String isalSoname;
    private IsalBlockDeflater.Library isal;
    private String isalUnavailable; // why ISA-L cannot be used, once it has been tried

    public GzipEngines() {
        this(IsalBlockDeflater.Library.SONAME);
    }

    /** With another library name: tests use one that does not exist. */
    GzipEngines(String isalSoname) {
        this.isalSoname = isalSoname;
    }

    /**
     * The engine for that choice at that gzip level (1 to 9, zlib's scale). AUTO takes ISA-L for levels 1 to 3 when it
     * loads and zlib otherwise; ISAL fails with a sentence saying what to install when it does not load.
     */
    public GzipEngine engine(GzipEngine.Choice choice, int level) {
        if (level < 1 || level > 9) throw new IllegalArgumentException("gzip level is 1 to 9, not " + level);
        return switch (choice) {
            case ZLIB -> GzipEngine.zlib(level);
            case AUTO -> {
                if (level > ISAL_MAX_LEVEL) yield GzipEngine.zlib(level);
                yield isalLoaded() ? isal(level) : GzipEngine.zlib(level, "ISA-L not used: " + isalUnavailable);
            }
            case ISAL -> {
                if (level > ISAL_MAX_LEVEL)
                    throw new IllegalArgumentException(
                            "ISA-L compresses at gzip levels 1 to 3, not " + level + "; use zlib for higher levels");
                if (!isalLoaded())
                    throw new IllegalStateException("DATADUMP_GZIP_ENGINE is isal but ISA-L cannot be used ("
                            + isalUnavailable + "); install it (Debian: apt install libisal2) or choose auto or zlib");
                yield isal(level);
            }
        };
    }

    private GzipEngine isal(int level) {
        IsalBlockDeflater.Library library = isal;
        return new GzipEngine(
                "ISA-L level " + level + " (" + isalSoname + ")",
                maxBlockBytes -> new IsalBlockDeflater(library, level, maxBlockBytes));
    }

    private synchronized boolean isalLoaded() {
        if (isal == null && isalUnavailable == null) {
            try {
                IsalBlockDeflater.Library library = IsalBlockDeflater.load(isalSoname);
                selfTest(library);
                isal = library;
            } catch (UnsatisfiedLinkError e) {
                // JNA lists every place it looked, the class path among them: the loader's own reason is its 2nd line
                String[] lines = String.valueOf(e.getMessage()).split("\\R");
                isalUnavailable = (lines.length > 1 ? lines[1] : lines[0]).trim();
            } catch (IOException | RuntimeException e) {
                isalUnavailable = isalSoname + ": " + e.getMessage();
            }
        }
        return isal != null;
    }

    /** Two blocks, the second primed with the first, at every level: gzip must read back the very bytes. */
    private static void selfTest(IsalBlockDeflater.Library library) throws IOException {
        int blockBytes = 64 << 10;
        byte[] first = sample(blockBytes, 1), second = sample(blockBytes, 2);
        for (int level = 1; level <= ISAL_MAX_LEVEL; level++) {
            ByteArrayOutputStream gzip = new ByteArrayOutputStream();
            try (ParallelGzipOutputStream out =
                    new ParallelGzipOutputStream(gzip, engine(library, level), 1, blockBytes)) {
                out.write(first);
                out.write(second);
                out.finish();
            }
            byte[] back;
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.toByteArray()))) {
                back = in.readAllBytes();
            }
            byte[] expected = Arrays.copyOf(first, 2 * blockBytes);
            System.arraycopy(second, 0, expected, blockBytes, blockBytes);
            if (!Arrays.equals(back, expected))
                throw new IOException("a sample compressed at level " + level + " did not read back");
        }
    }

    private static GzipEngine engine(IsalBlockDeflater.Library library, int level) {
        return new GzipEngine("ISA-L self-test", max -> new IsalBlockDeflater(library, level, max));
    }

    /** JSON-like text with repeats, so that matches reach into the dictionary. */
    private static byte[] sample(int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder s = new StringBuilder(length + 64);
        while (s.length() < length)
            s.append("{\"id\":")
                    .append(random.nextInt(100_000))
                    .append(",\"name\":\"Müller ")
                    .append(random.nextInt(50))
                    .append("\"}\n");
        return Arrays.copyOf(s.toString().getBytes(StandardCharsets.UTF_8), length);
    }
}
