package io.datadump.support;

import io.datadump.storage.LineKey;
import io.datadump.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Storage whose write of one file fails halfway, like a full disk. */
public final class FailingStorage implements Storage {
    private final Storage delegate;
    private final String failOn;
    private final long failAfterBytes;

    public FailingStorage(Storage delegate, String failOn) {
        this(delegate, failOn, 100_000);
    }

    /** Fails the write of {@code failOn} once more than {@code failAfterBytes} were written (0: at once). */
    public FailingStorage(Storage delegate, String failOn, long failAfterBytes) {
        this.delegate = delegate;
        this.failOn = failOn;
        this.failAfterBytes = failAfterBytes;
    }

    @Override
    public ObjectSink create(String key) throws IOException {
        return failing(delegate.create(key), key);
    }

    @Override
    public ObjectSink createDelta(String key, String baseKey, LineKey lineKey) throws IOException {
        return failing(delegate.createDelta(key, baseKey, lineKey), key);
    }

    private ObjectSink failing(ObjectSink real, String key) {
        if (!key.endsWith("/" + failOn) && !key.equals(failOn)) return real;
        return new ObjectSink() {
            long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > failAfterBytes) throw new IOException("disk full");
                real.write(b, off, len);
            }

            @Override
            protected void finish(boolean durable) throws IOException {
                if (durable) real.commit();
                else real.commitUnsynced();
            }

            @Override
            public void abort() {
                real.abort();
            }

            @Override
            public void close() {
                real.close();
            }
        };
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws IOException {
        return delegate.stat(key);
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        return delegate.open(key, offset, length);
    }

    @Override
    public void deletePrefix(String prefix) throws IOException {
        delegate.deletePrefix(prefix);
    }

    @Override
    public java.util.List<String> listDirectories(String prefix) throws IOException {
        return delegate.listDirectories(prefix);
    }

    @Override
    public String describe() {
        return "failing";
    }
}
