package io.datadump.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * How deltas lie in a file storage directory: an object stored as a delta is its recipe ({@code <name>.segments}) and
 * data files in the directory's {@code .data/} folder; a plain object is its file. This class chooses a delta's base,
 * reads objects through their recipes, and says which files a sync must cover; {@link FileDeltaSink} writes deltas.
 */
final class DeltaFiles {
    /** A recipe refers to at most this many data files, else the next dump writes the object whole again. */
    static final int MAX_DATA_FILES = 32;

    private final Path root;
    private final long minBaseBytes;
    private volatile Boolean hardLinks; // probed at the first delta

    /** {@code minBaseBytes}: the smallest base a delta is written against ({@link Long#MAX_VALUE}: never). */
    DeltaFiles(Path root, long minBaseBytes) {
        this.root = root;
        this.minBaseBytes = minBaseBytes;
    }

    /** A delta of {@code target} against the object at {@code baseFile}; empty where it would not pay or cannot be. */
    Optional<Storage.ObjectSink> create(Path target, Path baseFile, LineKey lineKey) throws IOException {
        if (minBaseBytes == Long.MAX_VALUE || !hardLinksWork()) return Optional.empty();
        Optional<FileDeltaSink.Base> base = base(baseFile);
        if (base.isEmpty() || base.get().recipe().size < minBaseBytes) return Optional.empty();
        Files.createDirectories(target.getParent());
        return Optional.of(new FileDeltaSink(target, SegmentRecipe.recipeOf(target), base.get(), lineKey));
    }

    /**
     * The object at {@code file} as a delta's base; empty if there is none, or if its recipe should not grow further:
     * too many data files, or data files holding more than twice its bytes (most of them replaced since). The next
     * delta then starts again from a whole file.
     */
    private static Optional<FileDeltaSink.Base> base(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            long size = Files.size(file);
            return Optional.of(new FileDeltaSink.Base(SegmentRecipe.whole(size), List.of(file), file, true));
        }
        Path recipeFile = SegmentRecipe.recipeOf(file);
        if (!Files.isRegularFile(recipeFile)) return Optional.empty();
        SegmentRecipe recipe;
        try {
            recipe = SegmentRecipe.read(recipeFile).withoutUnusedData();
        } catch (DamagedObjectException e) {
            return Optional.empty(); // a damaged base: write whole ('check' reports it)
        }
        if (recipe.dataFiles.size() >= MAX_DATA_FILES) return Optional.empty();
        Path data = file.resolveSibling(SegmentRecipe.DATA_DIRECTORY);
        List<Path> sources = recipe.dataFiles.stream().map(data::resolve).toList();
        long held = 0;
        for (Path p : sources) {
            if (!Files.isRegularFile(p)) return Optional.empty(); // a damaged base: write whole ('check' reports it)
            held += Files.size(p);
        }
        if (held > 2 * recipe.size) return Optional.empty();
        return Optional.of(new FileDeltaSink.Base(recipe, sources, recipeFile, false));
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

    /** The file that holds the object: itself, or its recipe; null if there is neither. */
    static Path stored(Path file) {
        if (Files.isRegularFile(file)) return file;
        Path recipe = SegmentRecipe.recipeOf(file);
        return Files.isRegularFile(recipe) ? recipe : null;
    }

    /**
     * Adds the files that make the object at {@code file} durable: itself, or its recipe and the data files it uses
     * (the base's, linked here, are durable already: an fsync of them costs little).
     */
    static void filesOf(Path file, Collection<Path> into) throws IOException {
        Path recipe = SegmentRecipe.recipeOf(file);
        if (Files.isRegularFile(file) || !Files.isRegularFile(recipe)) {
            into.add(file);
            return;
        }
        into.add(recipe);
        Path data = file.resolveSibling(SegmentRecipe.DATA_DIRECTORY);
        for (String name : SegmentRecipe.read(recipe).withoutUnusedData().dataFiles) into.add(data.resolve(name));
    }

    /** The size of an object stored as a delta; empty if there is no recipe (any more). */
    static Optional<Long> deltaSize(Path file) throws IOException {
        try {
            return Optional.of(SegmentRecipe.readSize(SegmentRecipe.recipeOf(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // replaced by a plain object just now
        }
    }

    /** Reads an object stored as a delta through its recipe. */
    static InputStream open(Path file, long offset, long length) throws IOException {
        Path recipe = SegmentRecipe.recipeOf(file);
        if (!Files.isRegularFile(recipe)) throw new NoSuchFileException(file.toString());
        SegmentRecipe segments = SegmentRecipe.read(recipe);
        Path data = file.resolveSibling(SegmentRecipe.DATA_DIRECTORY);
        // all checked before the first byte is handed out
        segments.checkData(recipe.toString(), name -> {
            Path f = data.resolve(name);
            return Files.isRegularFile(f) ? Files.size(f) : -1;
        });
        return new SegmentInputStream(
                segments,
                new FileDeltaData(segments.dataFiles.stream().map(data::resolve).toList()),
                offset,
                length);
    }
}
