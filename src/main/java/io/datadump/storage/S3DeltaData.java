package io.datadump.storage;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Data objects on S3, each read through one GET from where it is first read to its end, skipping forward over the
 * bytes between segments. A recipe reads each data file forward with small gaps (the rows that changed), so a delta of
 * a large table costs a GET per data object, not per segment; a read behind the stream or far ahead of it opens a new
 * ranged GET.
 */
final class S3DeltaData implements DeltaData {
    /** Gaps up to this are read and dropped; a longer one costs a new GET (a round trip against ~1 MiB of transfer). */
    private static final long MAX_SKIP = 1 << 20;

    private final S3Objects objects;
    private final List<String> keys;
    private final String describe;
    private final ResponseInputStream<GetObjectResponse>[] streams;
    private final long[] positions;

    @SuppressWarnings("unchecked")
    S3DeltaData(S3Objects objects, List<String> keys, String describe) {
        this.objects = objects;
        this.keys = List.copyOf(keys);
        this.describe = describe;
        this.streams = new ResponseInputStream[keys.size()];
        this.positions = new long[keys.size()];
    }

    @Override
    public int read(int index, ByteBuffer into, long position) throws IOException {
        ResponseInputStream<GetObjectResponse> in = streams[index];
        if (in != null && (position < positions[index] || position - positions[index] > MAX_SKIP)) {
            discard(index);
            in = null;
        }
        if (in == null) {
            in = streams[index] = objects.get(keys.get(index), position, -1);
            positions[index] = position;
        }
        long gap = position - positions[index];
        if (gap > 0) {
            try {
                in.skipNBytes(gap);
            } catch (EOFException e) {
                return -1;
            }
            positions[index] = position;
        }
        int n = in.read(into.array(), into.arrayOffset() + into.position(), into.remaining());
        if (n > 0) {
            into.position(into.position() + n);
            positions[index] += n;
        }
        return n;
    }

    /** Drops a stream that was not read to its end without reading the rest (abort, not close, which would drain it). */
    private void discard(int index) {
        if (streams[index] == null) return;
        streams[index].abort();
        try {
            streams[index].close();
        } catch (IOException ignored) {
            // aborted: nothing left to release
        }
        streams[index] = null;
    }

    @Override
    public String describe() {
        return describe;
    }

    @Override
    public void close() {
        for (int i = 0; i < streams.length; i++) discard(i);
    }
}
