package io.datadump.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.datadump.api.RequestHeaders.ByteRange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit") // no database, no server: mvn test -Dgroups=unit
class RequestHeadersTest {
    static final ByteRange WHOLE = new ByteRange.Whole();
    static final ByteRange UNSATISFIABLE = new ByteRange.Unsatisfiable();

    @Test
    void byteRanges() {
        assertThat(RequestHeaders.byteRange(null, 1000)).isEqualTo(WHOLE);
        assertThat(RequestHeaders.byteRange("bytes=0-99", 1000)).isEqualTo(new ByteRange.Part(0, 99));
        assertThat(RequestHeaders.byteRange("bytes=100-", 1000)).isEqualTo(new ByteRange.Part(100, 999));
        assertThat(RequestHeaders.byteRange("bytes=990-5000", 1000)).isEqualTo(new ByteRange.Part(990, 999));
        assertThat(RequestHeaders.byteRange(" Bytes=5 - 9 ", 1000)).isEqualTo(new ByteRange.Part(5, 9));
        assertThat(RequestHeaders.byteRange("bytes=999-999", 1000)).isEqualTo(new ByteRange.Part(999, 999));
    }

    @Test
    void suffixRanges() {
        assertThat(RequestHeaders.byteRange("bytes=-50", 1000)).isEqualTo(new ByteRange.Part(950, 999));
        assertThat(RequestHeaders.byteRange("bytes=-5000", 1000)).isEqualTo(new ByteRange.Part(0, 999));
        assertThat(RequestHeaders.byteRange("bytes=-0", 1000)).isEqualTo(UNSATISFIABLE);
        assertThat(RequestHeaders.byteRange("bytes=-10", 0)).isEqualTo(UNSATISFIABLE);
    }

    @Test
    void unsatisfiableRangesStartBeyondTheEnd() {
        assertThat(RequestHeaders.byteRange("bytes=1000-", 1000)).isEqualTo(UNSATISFIABLE);
        assertThat(RequestHeaders.byteRange("bytes=5000-6000", 1000)).isEqualTo(UNSATISFIABLE);
        assertThat(RequestHeaders.byteRange("bytes=0-", 0)).isEqualTo(UNSATISFIABLE);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "items=0-5",
                "bytes=",
                "bytes=-",
                "bytes=abc-def",
                "bytes=5",
                "bytes=9-3",
                "bytes=0-5,10-20",
                "bytes=99999999999999999999-",
                "bytes=1-x",
                "bytes=+1-2",
                "bytes=-+5"
            })
    void malformedOrMultipleRangesAreIgnored(String header) {
        assertThat(RequestHeaders.byteRange(header, 1000)).isEqualTo(WHOLE);
    }

    @Test
    void ifNoneMatch() {
        String etag = "\"abc\"";
        assertThat(RequestHeaders.noneMatchHits(null, etag)).isFalse();
        assertThat(RequestHeaders.noneMatchHits("\"abc\"", etag)).isTrue();
        assertThat(RequestHeaders.noneMatchHits("W/\"abc\"", etag)).isTrue();
        assertThat(RequestHeaders.noneMatchHits("\"x\", \"y\" ,\"abc\"", etag)).isTrue();
        assertThat(RequestHeaders.noneMatchHits("*", etag)).isTrue();
        assertThat(RequestHeaders.noneMatchHits("\"abcd\"", etag)).isFalse();
        assertThat(RequestHeaders.noneMatchHits("abc", etag)).isFalse();
        assertThat(RequestHeaders.noneMatchHits("", etag)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "gzip | true",
                "GZIP | true",
                "x-gzip | true",
                "deflate, gzip;q=0.5 | true",
                "gzip;q=0 | false",
                "gzip; q=0.000 | false",
                "gzip;q=0.001 | true",
                "gzip;q=1.0 | true",
                "gzip;q=2 | false",
                "gzip;q=abc | false",
                "* | true",
                "*;q=0 | false",
                "gzip;q=0, * | false",
                "identity | false",
                "br, deflate | false",
                "'' | false",
            })
    void acceptEncodingWithQValues(String header, boolean gzip) {
        assertThat(RequestHeaders.acceptsGzip(header)).isEqualTo(gzip);
    }

    @Test
    void noAcceptEncodingMeansPlain() {
        assertThat(RequestHeaders.acceptsGzip(null)).isFalse();
    }

    @Test
    void bearerTokens() {
        assertThat(RequestHeaders.bearerToken("Bearer dd_abc")).hasValue("dd_abc");
        assertThat(RequestHeaders.bearerToken("bearer   dd_abc ")).hasValue("dd_abc");
        assertThat(RequestHeaders.bearerToken("Basic ZGQ6YWJj")).isEmpty();
        assertThat(RequestHeaders.bearerToken("Bearer ")).isEmpty();
        assertThat(RequestHeaders.bearerToken("Bearerdd_abc")).isEmpty();
        assertThat(RequestHeaders.bearerToken(null)).isEmpty();
    }
}
