package io.datadump.bench;

import java.io.OutputStream;

/** A null sink that counts the bytes written to it: where PostgreSQL's exports go in the benchmarks. */
final class CountingSink extends OutputStream {
    long count;

    @Override
    public void write(int b) {
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        count += len;
    }
}
