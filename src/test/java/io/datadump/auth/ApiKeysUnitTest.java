package io.datadump.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit") // no database, no server: mvn test -Dgroups=unit
class ApiKeysUnitTest {
    @Test
    void keysAreHashedWithSha256() {
        // the published SHA-256 of "abc"
        assertThat(HexFormat.of().formatHex(ApiKeys.sha256("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ApiKeys.sha256("dd_a")).hasSize(32).isNotEqualTo(ApiKeys.sha256("dd_b"));
    }

    @Test
    void onlyStringsShapedLikeKeysAreLookedUp() {
        assertThat(ApiKeys.looksLikeKey("dd_" + "x".repeat(43))).isTrue();
        assertThat(ApiKeys.looksLikeKey(null)).isFalse();
        assertThat(ApiKeys.looksLikeKey("sk_live_abc")).isFalse();
        assertThat(ApiKeys.looksLikeKey("dd_" + "x".repeat(200)))
                .as("longer than any key")
                .isFalse();
    }
}
