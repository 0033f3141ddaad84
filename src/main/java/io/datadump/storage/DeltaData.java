package io.datadump.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The data files a recipe refers to, by their index in it, read at any offset: files of a dump directory on file
 * storage ({@link FileDeltaData}), objects under a dump's prefix on S3 ({@link S3DeltaData}). Recipes read each data
 * file forward, so a reader may be cheap only for forward reads.
 */
interface DeltaData extends Closeable {
    /** Reads into {@code into} from {@code position} of data file {@code index}: the count read, -1 past its end. */
    int read(int index, ByteBuffer into, long position) throws IOException;

    /** What the data files are, for error messages: the directory or prefix they are in. */
    String describe();
}
