package io.datadump.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * How deltas lie in S3, as they lie on file storage ({@link DeltaFiles}): an object stored as a delta is its recipe
 * ({@code <key>.segments}) and data objects under its prefix's {@code .data/}; a plain object is the object itself.
 * Where file storage hard-links the base's data into the new dump's directory, S3 copies it server-side, so every
 * dump's prefix holds all the data its recipes use and deleting a prefix never takes another dump's bytes; only the
 * changed lines are uploaded. This class chooses a delta's base and reads objects through their recipes;
 * {@link S3DeltaSink} writes them.
 */
final class S3Deltas {
    private final S3Objects objects;
    private final int partSize;
    private final long minBaseBytes;

    /** {@code minBaseBytes}: the smallest base a delta is written against ({@link Long#MAX_VALUE}: never). */
    S3Deltas(S3Objects objects, int partSize, long minBaseBytes) {
        this.objects = objects;
        this.partSize = partSize;
        this.minBaseBytes = minBaseBytes;
    }

    static String recipeKey(String objectKey) {
        return objectKey + SegmentRecipe.SUFFIX;
    }

    /** Where a data object of the delta at {@code objectKey} is: its prefix's .data/ folder. */
    static String dataKey(String objectKey, String name) {
        return objectKey.substring(0, objectKey.lastIndexOf('/') + 1) + SegmentRecipe.DATA_DIRECTORY + "/" + name;
    }

    /** A delta of {@code objectKey} against the object at {@code baseKey}; empty where it would not pay or cannot be. */
    Optional<Storage.ObjectSink> create(String objectKey, String baseKey, LineKey lineKey) throws IOException {
        if (minBaseBytes == Long.MAX_VALUE) return Optional.empty();
        Optional<S3DeltaSink.Base> base = base(baseKey);
        if (base.isEmpty() || base.get().recipe().size < minBaseBytes) return Optional.empty();
        return Optional.of(new S3DeltaSink(objects, partSize, objectKey, base.get(), lineKey));
    }

    /**
     * The object at {@code baseKey} as a delta's base, on the same terms as on file storage: none if its recipe spans
     * {@link DeltaFiles#MAX_DATA_FILES} data objects or they hold more than twice its bytes, or if it is damaged.
     */
    private Optional<S3DeltaSink.Base> base(String baseKey) throws IOException {
        Optional<HeadObjectResponse> plain = objects.head(baseKey);
        if (plain.isPresent()) {
            long size = plain.get().contentLength();
            String encoding = plain.get().contentEncoding();
            if (encoding != null && encoding.contains("gzip")) return Optional.empty(); // stored compressed: no lines
            return Optional.of(new S3DeltaSink.Base(
                    SegmentRecipe.whole(size), List.of(baseKey), new long[] {size}, baseKey, true));
        }
        SegmentRecipe recipe;
        try {
            recipe = readRecipe(baseKey).withoutUnusedData();
        } catch (NoSuchFileException | DamagedObjectException e) {
            return Optional.empty(); // none, or damaged: write whole ('check' reports damage)
        }
        if (recipe.dataFiles.size() >= DeltaFiles.MAX_DATA_FILES) return Optional.empty();
        List<String> sources = new ArrayList<>();
        long[] sizes = new long[recipe.dataFiles.size()];
        long held = 0;
        for (String name : recipe.dataFiles) {
            String key = dataKey(baseKey, name);
            Optional<HeadObjectResponse> data = objects.head(key);
            if (data.isEmpty()) return Optional.empty();
            sizes[sources.size()] = data.get().contentLength();
            held += sizes[sources.size()];
            sources.add(key);
        }
        if (held > 2 * recipe.size) return Optional.empty();
        return Optional.of(new S3DeltaSink.Base(recipe, sources, sizes, recipeKey(baseKey), false));
    }

    private SegmentRecipe readRecipe(String objectKey) throws IOException {
        String key = recipeKey(objectKey);
        byte[] bytes; // a recipe is 20 bytes a segment, and never empty: it starts with its magic
        try (InputStream in = objects.get(key, 0, -1)) {
            bytes = in.readAllBytes();
        }
        return SegmentRecipe.read(new ByteArrayInputStream(bytes), bytes.length, key);
    }

    /** The size and time of an object stored as a delta; empty if it has no recipe. */
    Optional<Storage.ObjectInfo> stat(String key, String objectKey) throws IOException {
        try (var in = objects.get(recipeKey(objectKey), 0, 16)) {
            long size = SegmentRecipe.readSize(in, recipeKey(objectKey));
            return Optional.of(new Storage.ObjectInfo(key, size, in.response().lastModified()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Reads an object stored as a delta through its recipe, every data object checked before the first byte. */
    InputStream open(String objectKey, long offset, long length) throws IOException {
        SegmentRecipe recipe = readRecipe(objectKey);
        recipe.checkData(
                recipeKey(objectKey),
                name -> objects.head(dataKey(objectKey, name))
                        .map(HeadObjectResponse::contentLength)
                        .orElse(-1L));
        List<String> keys =
                recipe.dataFiles.stream().map(name -> dataKey(objectKey, name)).toList();
        return new SegmentInputStream(recipe, new S3DeltaData(objects, keys, objectKey), offset, length);
    }
}
