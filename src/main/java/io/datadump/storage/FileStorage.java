package io.datadump.storage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Storage in a local directory. A file is written under a temporary name and renamed atomically on commit.
 *
 * <p>An object written with {@link #createDelta} against a base of at least {@code deltaMinBytes} is stored as a
 * recipe ({@code <name>.segments}) of byte ranges of data files in its directory's {@code .data/} folder: the lines
 * that equal the base's are hard links to the base's data, only the others are new bytes. Every directory holds hard
 * links to all the data its recipes use, so deleting any directory (retention) never takes another's data. Reading,
 * ranges and sizes go through the recipe; the bytes are exactly what was written.
 */
public final class FileStorage implements Storage {
    private static final int SYNC_THREADS = 8;
    /** Below this a table file is stored whole: small tenants' files would gain a recipe and save nothing. */
    public static final long DEFAULT_DELTA_MIN_BYTES = 1L << 20;
    /** A recipe refers to at most this many data files, else the next dump writes the object whole again. */
    static final int MAX_DATA_FILES = 32;

    private final Path root;
    private final long deltaMinBytes;
    private volatile Boolean hardLinks; // probed at the first delta
    /** Threads that only wait in fsync, shared by all dumps; they end after 30 s without work. */
    private final ThreadPoolExecutor syncs =
            new ThreadPoolExecutor(SYNC_THREADS, SYNC_THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "file-storage-sync");
                t.setDaemon(true);
                return t;
            });

    public FileStorage(Path root) {
        this(root, DEFAULT_DELTA_MIN_BYTES);
    }

    /** {@code deltaMinBytes}: the smallest base a delta is written against; {@link Long#MAX_VALUE} for none. */
    public FileStorage(Path root, long deltaMinBytes) {
        if (deltaMinBytes < 0) throw new IllegalArgumentException("deltaMinBytes must be >= 0");
        this.root = root.toAbsolutePath().normalize();
        this.deltaMinBytes = deltaMinBytes;
        syncs.allowCoreThreadTimeOut(true);
    }

    public Path root() {
        return root;
    }

    Path resolve(String key) {
        Path p = root.resolve(Storage.checkKey(key)).normalize();
        if (!p.startsWith(root)) throw new IllegalArgumentException("invalid storage key");
        return p;
    }

    @Override
    public ObjectSink create(String key) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path temp = temporarySibling(target, ".partial");
        OutputStream out =
                new BufferedOutputStream(Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW), 1 << 16);
        return new ObjectSink() {
            boolean done;

            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void commit() throws IOException {
                finish(true);
            }

            @Override
            public void commitUnsynced() throws IOException {
                finish(false);
            }

            private void finish(boolean durable) throws IOException {
                out.close();
                if (durable) force(temp); // durable before it becomes visible
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                Files.deleteIfExists(recipeOf(target)); // a delta of this key, written before, is replaced
                done = true;
            }

            @Override
            public void abort() {
                if (done) return;
                done = true;
                discardPartial(out, temp);
            }
        };
    }

    @Override
    public ObjectSink createDelta(String key, String baseKey, LineKey lineKey) throws IOException {
        Path target = resolve(key);
        if (deltaMinBytes == Long.MAX_VALUE || !hardLinksWork()) return create(key);
        Optional<DeltaSink.Base> base = base(resolve(baseKey));
        if (base.isEmpty() || base.get().recipe().size < deltaMinBytes) return create(key);
        Files.createDirectories(target.getParent());
        return new DeltaSink(target, recipeOf(target), base.get(), lineKey);
    }

    /**
     * The object at {@code file} as a delta's base; empty if there is none, or if its recipe should not grow further:
     * too many data files, or data files holding more than twice its bytes (most of them replaced since). The next
     * delta then starts again from a whole file.
     */
    private Optional<DeltaSink.Base> base(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            long size = Files.size(file);
            SegmentRecipe whole = new SegmentRecipe(
                    size, List.of(SegmentRecipe.newDataName()), 1, new int[] {0}, new long[] {0}, new long[] {size});
            return Optional.of(new DeltaSink.Base(whole, List.of(file), file, true));
        }
        Path recipeFile = recipeOf(file);
        if (!Files.isRegularFile(recipeFile)) return Optional.empty();
        SegmentRecipe recipe = SegmentRecipe.read(recipeFile).withoutUnusedData();
        if (recipe.dataFiles.size() >= MAX_DATA_FILES) return Optional.empty();
        Path data = file.resolveSibling(SegmentRecipe.DATA_DIRECTORY);
        List<Path> sources = recipe.dataFiles.stream().map(data::resolve).toList();
        long held = 0;
        for (Path p : sources) {
            if (!Files.isRegularFile(p)) return Optional.empty(); // a damaged base: write whole ('check' reports it)
            held += Files.size(p);
        }
        if (held > 2 * recipe.size) return Optional.empty();
        return Optional.of(new DeltaSink.Base(recipe, sources, recipeFile, false));
    }

    /** Whether this file system has hard links, which deltas are made of (asked once, with a scratch file). */
    private boolean hardLinksWork() throws IOException {
        Boolean known = hardLinks;
        if (known != null) return known;
        Files.createDirectories(root);
        Path probe = root.resolve(".link-probe-" + UUID.randomUUID()),
                link = probe.resolveSibling(probe.getFileName() + ".link");
        Files.createFile(probe);
        try {
            Files.createLink(link, probe);
            hardLinks = true;
        } catch (UnsupportedOperationException | FileSystemException e) {
            hardLinks = false;
        } finally {
            Files.deleteIfExists(link);
            Files.deleteIfExists(probe);
        }
        return hardLinks;
    }

    /**
     * Closes an unfinished object's stream and deletes its temporary file, either of which may be null; failures are
     * ignored, since a leftover .partial file is invisible and removed with its dump directory.
     */
    static void discardPartial(OutputStream out, Path temp) {
        try {
            if (out != null) out.close();
        } catch (IOException ignored) {
            // the file is removed below either way
        }
        try {
            if (temp != null) Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // see above
        }
    }

    /** A hidden, unique name beside {@code file} to write it under before it is renamed into place. */
    static Path temporarySibling(Path file, String suffix) {
        return file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + suffix);
    }

    static Path recipeOf(Path file) {
        return file.resolveSibling(file.getFileName() + SegmentRecipe.SUFFIX);
    }

    /** The file that holds the object: itself, or its recipe; null if there is neither. */
    private static Path stored(Path file) {
        if (Files.isRegularFile(file)) return file;
        Path recipe = recipeOf(file);
        return Files.isRegularFile(recipe) ? recipe : null;
    }

    /**
     * fsyncs the files on up to {@link #SYNC_THREADS} threads at once, then their directories. Measured on 1,000
     * tenants of ~230 rows: 26 fsyncs one after the other took most of a small dump's time on a virtio disk.
     */
    @Override
    public void sync(Collection<String> keys) throws IOException {
        List<Path> files = new ArrayList<>();
        Set<Path> directories = new LinkedHashSet<>();
        for (String key : keys) {
            Path file = resolve(key);
            Path data = file.resolveSibling(SegmentRecipe.DATA_DIRECTORY);
            // the links deltas made there, even where the delta itself was shared whole and needs no sync (looked
            // for once per directory)
            if (directories.add(file.getParent()) && Files.isDirectory(data)) directories.add(data);
            Path recipe = recipeOf(file);
            if (Files.isRegularFile(file) || !Files.isRegularFile(recipe)) {
                files.add(file);
                continue;
            }
            // a delta: its recipe and its data (the base's, linked here, are durable already: an fsync costs little)
            files.add(recipe);
            for (String name : SegmentRecipe.read(recipe).withoutUnusedData().dataFiles) files.add(data.resolve(name));
        }
        List<Future<?>> pending = new ArrayList<>();
        for (Path file : files) {
            pending.add(syncs.submit(() -> {
                force(file);
                return null;
            }));
        }
        IOException failure = null;
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null)
                    failure = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while syncing files");
            }
        }
        if (failure != null) throw failure;
        for (Path dir : directories) {
            try {
                force(dir); // the renames that made the files visible
            } catch (IOException e) {
                // a file system that cannot sync a directory: the files themselves are durable
            }
        }
    }

    static void force(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /**
     * A hard link: both names are the same file, and the bytes go only when the last name is deleted (retention deletes
     * a dump's directory, so an object still named by a retained dump is never lost). The link is made under a
     * temporary name and renamed over the duplicate, so the key always names a complete file.
     */
    @Override
    public boolean shareIdentical(String existingKey, String duplicateKey) throws IOException {
        Path existingKeyPath = resolve(existingKey), duplicateKeyPath = resolve(duplicateKey);
        Path existing = stored(existingKeyPath), duplicate = stored(duplicateKeyPath);
        if (existing == null || duplicate == null) return false;
        if (Files.isSameFile(existing, duplicate)) return true;
        // a delta shares its data with its base already; two plain files become one
        if (!existing.equals(existingKeyPath) || !duplicate.equals(duplicateKeyPath)) return false;
        try {
            linkOver(existing, duplicate);
            return true;
        } catch (UnsupportedOperationException | FileSystemException e) {
            return false; // no hard links here (another file system, or one without them): keep the copy
        }
    }

    /**
     * Makes {@code name} a hard link of {@code existing}: both names are the same file, and the bytes go only when the
     * last name is deleted (retention deletes a dump's directory, so an object still named by a retained dump is never
     * lost). The link is made under a temporary name and renamed over {@code name}, so it always names a complete file.
     */
    static void linkOver(Path existing, Path name) throws IOException {
        Path temp = temporarySibling(name, ".link");
        Files.createLink(temp, existing);
        try {
            Files.move(temp, name, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws IOException {
        Path p = resolve(key);
        Optional<BasicFileAttributes> plain = attributes(p);
        if (plain.isPresent())
            return Optional.of(new ObjectInfo(key, plain.get().size(), modified(plain.get())));
        Path recipe = recipeOf(p);
        Optional<BasicFileAttributes> delta = attributes(recipe);
        if (delta.isEmpty()) return Optional.empty();
        try {
            return Optional.of(new ObjectInfo(key, SegmentRecipe.readSize(recipe), modified(delta.get())));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // replaced by a plain object just now
        }
    }

    private static Optional<BasicFileAttributes> attributes(Path p) throws IOException {
        try {
            BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class);
            return attrs.isRegularFile() ? Optional.of(attrs) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static Instant modified(BasicFileAttributes attrs) {
        return attrs.lastModifiedTime().toInstant();
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        Path p = resolve(key);
        FileChannel ch;
        try {
            ch = FileChannel.open(p, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            Path recipe = recipeOf(p);
            if (!Files.isRegularFile(recipe)) throw e;
            return new SegmentInputStream(
                    SegmentRecipe.read(recipe), p.resolveSibling(SegmentRecipe.DATA_DIRECTORY), offset, length);
        }
        ch.position(offset);
        InputStream in = Channels.newInputStream(ch);
        return length < 0 ? in : new BoundedInputStream(in, length);
    }

    @Override
    public void deletePrefix(String prefix) throws IOException {
        Path p = resolve(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        if (!Files.exists(p)) return;
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public List<String> listDirectories(String prefix) throws IOException {
        Path dir = resolve(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        if (!Files.isDirectory(dir)) return List.of();
        try (var entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    @Override
    public String describe() {
        return "file:" + root;
    }
}
