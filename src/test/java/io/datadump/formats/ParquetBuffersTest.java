package io.datadump.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
@net.jqwik.api.Tag("unit")
class ParquetBuffersTest {
    @Property(tries = 3000)
    void aSizeClassHoldsTheSizeWithAtMostAQuarterMore(@ForAll @IntRange(min = 5, max = 1 << 30) int size) {
        int capacity = ParquetBuffers.capacity(ParquetBuffers.sizeClass(size));
        assertThat(capacity).isGreaterThanOrEqualTo(size);
        assertThat((long) capacity).isLessThan(size + size / 4L + 1);
        assertThat(ParquetBuffers.sizeClass(capacity)).isEqualTo(ParquetBuffers.sizeClass(size));
    }

    @Test
    void aReleasedBufferIsHandedOutAgainEmptyWithTheLimitAskedFor() {
        ParquetBuffers buffers = new ParquetBuffers();
        ByteBuffer first = buffers.allocate(100_000);
        assertThat(first.position()).isZero();
        assertThat(first.limit()).isEqualTo(100_000);
        first.put(new byte[500]);
        buffers.release(first);
        assertThat(buffers.keptBytes()).isEqualTo(first.capacity());

        ByteBuffer again = buffers.allocate(110_000); // the same size class: up to 114,688
        assertThat(again).isSameAs(first);
        assertThat(again.position()).isZero();
        assertThat(again.limit()).isEqualTo(110_000);
        assertThat(buffers.keptBytes()).isZero();
        assertThat(buffers.allocate(110_000)).as("none kept any more").isNotSameAs(first);
    }

    @Test
    void keepsNoMoreThanItsBoundNorBuffersTooSmallOrForeign() {
        ParquetBuffers buffers = new ParquetBuffers();
        List<ByteBuffer> out = new ArrayList<>();
        for (int i = 0; i < 100; i++) out.add(buffers.allocate(1 << 20));
        out.forEach(buffers::release);
        assertThat(buffers.keptBytes())
                .isLessThanOrEqualTo(ParquetBuffers.MAX_KEPT_BYTES)
                .isPositive();

        ParquetBuffers other = new ParquetBuffers();
        other.release(ByteBuffer.allocate(100));
        other.release(ByteBuffer.allocate(100_001)); // no class's capacity
        assertThat(other.keptBytes()).isZero();
    }
}
