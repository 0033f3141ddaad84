package io.datadump.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A delta on S3: the changed lines uploaded as one new data object under the object's {@code .data/}, the base's data
 * objects still referred to copied there server-side, then the recipe. An unchanged object is a server-side copy of
 * the base's. Nothing is visible under the object's key before the recipe (or the copy) is.
 */
final class S3DeltaSink extends DeltaSink {
    /**
     * The base object: its recipe (a plain object is one segment of one data file), the keys and sizes of its data
     * objects (a plain object is its own), and the key of its own object (the plain object or the recipe).
     */
    record Base(SegmentRecipe recipe, List<String> sources, long[] sizes, String key, boolean plain) {}

    private final S3Objects objects;
    private final int partSize;
    private final String objectKey;
    private final Base base;

    S3DeltaSink(S3Objects objects, int partSize, String objectKey, Base base, LineKey lineKey) {
        super(base.recipe(), new S3DeltaData(objects, base.sources(), base.key()), lineKey);
        this.objects = objects;
        this.partSize = partSize;
        this.objectKey = objectKey;
        this.base = base;
    }

    @Override
    Storage.ObjectSink createData(String name) {
        return new S3Sink(
                objects, S3Deltas.dataKey(objectKey, name), partSize, "application/octet-stream", null, false);
    }

    @Override
    void keepBaseData(boolean[] which) throws IOException {
        for (int i = 0; i < newData; i++) {
            if (!which[i]) continue;
            String to = S3Deltas.dataKey(objectKey, names.get(i));
            if (!to.equals(base.sources().get(i))) objects.copy(base.sources().get(i), to, base.sizes()[i]);
        }
    }

    @Override
    void writeRecipe(SegmentRecipe recipe, boolean durable) throws IOException { // every S3 write is durable
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        recipe.write(bytes);
        objects.put(S3Deltas.recipeKey(objectKey), bytes.toByteArray(), "application/octet-stream", Map.of());
        objects.delete(objectKey); // a plain object of this key, written before, is replaced
    }

    @Override
    void keepBaseWhole(boolean durable) throws IOException {
        if (base.plain()) {
            objects.copy(base.key(), objectKey, base.recipe().size);
            objects.delete(S3Deltas.recipeKey(objectKey));
            return;
        }
        boolean[] all = new boolean[names.size()];
        Arrays.fill(all, 0, newData, true);
        keepBaseData(all);
        writeRecipe(base.recipe(), durable); // the base's recipe, without data it no longer used
    }
}
