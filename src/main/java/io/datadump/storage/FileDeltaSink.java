package io.datadump.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * A delta on file storage: the new data file in the directory's {@code .data/} folder, the base's data files still
 * referred to hard-linked there under their names, then the recipe, so deleting the base's directory later loses
 * nothing.
 */
final class FileDeltaSink extends DeltaSink {
    /**
     * The base object: its recipe (a plain file is one segment of one data file), where its data files are now, and
     * its own file (the plain file or the recipe).
     */
    record Base(SegmentRecipe recipe, List<Path> sources, Path file, boolean plain) {}

    private final Path target;
    private final Path recipePath;
    private final Path dataDirectory;
    private final Base base;

    FileDeltaSink(Path target, Path recipePath, Base base, LineKey lineKey) {
        super(base.recipe(), new FileDeltaData(base.sources()), lineKey);
        this.target = target;
        this.recipePath = recipePath;
        this.dataDirectory = target.resolveSibling(SegmentRecipe.DATA_DIRECTORY);
        this.base = base;
    }

    @Override
    Storage.ObjectSink createData(String name) throws IOException {
        return new PlainSink(dataDirectory.resolve(name));
    }

    @Override
    void writeRecipe(SegmentRecipe recipe, boolean durable) throws IOException {
        Path temp = DurableFiles.temporarySibling(recipePath, ".partial");
        try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW)) {
            recipe.write(out);
        }
        if (durable) {
            DurableFiles.force(temp);
            DurableFiles.force(dataDirectory);
        }
        Files.move(temp, recipePath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(target); // a plain object of this key, written before, is replaced
        if (durable) DurableFiles.force(recipePath.getParent());
    }

    /** Unchanged: the target becomes the base's own file, or its recipe with the base's data, hard-linked. */
    @Override
    void keepBaseWhole(boolean durable) throws IOException {
        if (base.plain()) {
            DurableFiles.linkOver(base.file(), target);
            Files.deleteIfExists(recipePath);
            return;
        }
        boolean[] all = new boolean[names.size()];
        Arrays.fill(all, 0, newData, true);
        keepBaseData(all);
        DurableFiles.linkOver(base.file(), recipePath);
        Files.deleteIfExists(target);
    }

    /** Hard-links the base's data files marked in {@code which} here, under their names, unless they are here. */
    @Override
    void keepBaseData(boolean[] which) throws IOException {
        Files.createDirectories(dataDirectory);
        for (int i = 0; i < newData; i++) {
            if (!which[i]) continue;
            Path name = dataDirectory.resolve(names.get(i)),
                    source = base.sources().get(i);
            try {
                Files.createLink(name, source);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isSameFile(name, source)) throw new IOException(name + " exists and is another data file");
            }
        }
    }
}
