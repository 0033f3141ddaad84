package io.datadump.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit") // no database, no server: mvn test -Dgroups=unit
class GenerationPlanTest {
    @Test
    void wholeScalesKeepTheirCountsAndFractionsScaleDown() {
        // scale 1 and 3 as they always were: data generated with a seed stays the same
        assertThat(GenerationPlan.forScale(1))
                .isEqualTo(new GenerationPlan(
                        2, 3, 12, 7, 1000, 300, 3, 4, 600, 400, 800, 150, 5000, 3000, 600, 800, 400, 350));
        assertThat(GenerationPlan.forScale(3))
                .isEqualTo(new GenerationPlan(
                        2, 4, 20, 17, 3000, 900, 3, 4, 1800, 1200, 2400, 450, 15000, 9000, 1800, 2400, 1200, 1050));
        assertThat(GenerationPlan.forScale(1.0)).isEqualTo(GenerationPlan.forScale(1));
        GenerationPlan small = GenerationPlan.forScale(0.02);
        assertThat(small.contacts()).isEqualTo(20);
        assertThat(small.properties()).isEqualTo(6);
        assertThat(small.notes()).isEqualTo(100);
        assertThat(small.brokers()).isEqualTo(8);
        assertThat(small.cancelations()).isEqualTo(3);
        assertThat(GenerationPlan.forScale(0.01).totalRows()).isBetween(100L, 400L);
        assertThat(GenerationPlan.forScale(2.5).contacts()).isEqualTo(2500);
        assertThatThrownBy(() -> GenerationPlan.forScale(0.001)).hasMessageStartingWith("the scale is 0.01 to 10000");
        assertThatThrownBy(() -> GenerationPlan.forScale(Double.NaN)).hasMessageStartingWith("the scale is 0.01");
    }
}
