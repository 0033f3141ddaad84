package io.datadump.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The digit-by-digit readers against java.time and BigDecimal, which they stand in for. */
@Tag("unit")
@net.jqwik.api.Tag("unit") // the properties are jqwik's, which reads its own tags
class TypedValuesTest {
    static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

    @Property(tries = 2000)
    void timestampsAsPostgresWritesThemReadAsJavaTimeReadsThem(
            @ForAll @LongRange(min = -62_000_000_000L, max = 253_000_000_000L) long second,
            @ForAll @IntRange(min = 0, max = 999_999) int micros) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(second, micros * 1000, ZoneOffset.UTC);
        String text = t.toString(); // ISO, fraction without trailing zeros, as row_to_json writes it
        if (t.getYear() > 9999 || t.getYear() < 0) return;
        assertThat(TypedValues.epochMicros(text)).as(text).isEqualTo(ChronoUnit.MICROS.between(EPOCH, t));
        assertThat(TypedValues.utc(text)).isEqualTo(t);
    }

    @Test
    void otherTimestampFormsTakeJavaTimesWay() {
        assertThat(TypedValues.epochMicros("2024-07-06T21:03:02.5+02:00"))
                .isEqualTo(TypedValues.epochMicros("2024-07-06T19:03:02.5"));
        assertThatThrownBy(() -> TypedValues.epochMicros("2024-02-30T00:00:00")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> TypedValues.epochMicros("2024-07-06T19:63:02")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> TypedValues.epochMicros("infinity")).isInstanceOf(RuntimeException.class);
    }

    @Property(tries = 2000)
    void datesAsPostgresWritesThemReadAsJavaTimeReadsThem(
            @ForAll @LongRange(min = -719_528L, max = 2_932_896L) long epochDay) { // years 0 to 9999
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        assertThat(TypedValues.epochDay(d.toString())).as(d.toString()).isEqualTo(epochDay);
    }

    @Test
    void otherDateFormsTakeJavaTimesWayOrAreRefused() {
        assertThat(TypedValues.epochDay("+12024-07-06"))
                .isEqualTo(LocalDate.of(12024, 7, 6).toEpochDay());
        for (String no : new String[] {"2024-02-30", "2024-13-01", "2024-7-6", "2024-07-0x", "20240706", "infinity"})
            assertThatThrownBy(() -> TypedValues.epochDay(no)).as(no).isInstanceOf(RuntimeException.class);
    }

    @Property(tries = 3000)
    void decimalsReadAsBigDecimalReadsThem(
            @ForAll @LongRange(min = -999_999_999_999L, max = 999_999_999_999L) long unscaled,
            @ForAll @IntRange(min = 0, max = 6) int writtenScale,
            @ForAll @IntRange(min = 0, max = 6) int scale,
            @ForAll @IntRange(min = 1, max = 18) int precision) {
        String text = BigDecimal.valueOf(unscaled, writtenScale).toPlainString();
        long fast = TypedValues.unscaled(text, scale, precision);
        BigDecimal exact;
        try {
            exact = new BigDecimal(text).setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            assertThat(fast)
                    .as(text + " has more digits after the point than " + scale)
                    .isEqualTo(Long.MIN_VALUE);
            return;
        }
        if (exact.unscaledValue().abs().toString().length() > precision && exact.signum() != 0) {
            assertThat(fast).as(text + " has more digits than " + precision).isEqualTo(Long.MIN_VALUE);
        } else if (fast != Long.MIN_VALUE) {
            assertThat(fast).as(text).isEqualTo(exact.unscaledValue().longValueExact());
        }
    }

    @Test
    void decimalFormsItLeavesToBigDecimal() {
        assertThat(TypedValues.unscaled("12.5", 2, 14)).isEqualTo(1250);
        assertThat(TypedValues.unscaled("-0.05", 2, 5)).isEqualTo(-5);
        assertThat(TypedValues.unscaled("1e3", 2, 14)).isEqualTo(Long.MIN_VALUE);
        assertThat(TypedValues.unscaled("12.", 2, 14)).isEqualTo(Long.MIN_VALUE);
        assertThat(TypedValues.unscaled("-", 2, 14)).isEqualTo(Long.MIN_VALUE);
        assertThat(TypedValues.unscaled("", 2, 14)).isEqualTo(Long.MIN_VALUE);
        assertThat(TypedValues.unscaled("123.456", 2, 14)).isEqualTo(Long.MIN_VALUE);
        assertThat(TypedValues.unscaled("999999999999999999", 0, 18)).isEqualTo(999_999_999_999_999_999L);
        assertThat(TypedValues.unscaled("9999999999999999999", 0, 18)).isEqualTo(Long.MIN_VALUE);
    }
}
