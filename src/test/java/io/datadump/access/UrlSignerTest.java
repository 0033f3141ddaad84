package io.datadump.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit") // no database, no server: mvn test -Dgroups=unit
class UrlSignerTest {
    static final UrlSigner SIGNER = new UrlSigner("0123456789abcdef-secret".getBytes(StandardCharsets.UTF_8));
    static final String KEY = "accounts/1/dumps/20260101T020000Z-5/contacts.json";

    @Test
    void aSignatureVerifiesForExactlyItsKeyAndExpiry() {
        String sig = SIGNER.sign(KEY, 1_900_000_000L);
        assertThat(sig).matches("[0-9a-f]{64}");
        assertThat(SIGNER.verify(KEY, 1_900_000_000L, sig)).isTrue();
        assertThat(SIGNER.verify(KEY, 1_900_000_000L, sig.toUpperCase())).isTrue();
        assertThat(SIGNER.verify(KEY, 1_900_000_001L, sig)).as("another expiry").isFalse();
        assertThat(SIGNER.verify(KEY.replace("accounts/1/", "accounts/2/"), 1_900_000_000L, sig))
                .as("another account's file")
                .isFalse();
        assertThat(SIGNER.verify(KEY, 1_900_000_000L, sig.substring(1))).isFalse();
        assertThat(SIGNER.verify(KEY, 1_900_000_000L, null)).isFalse();
        assertThat(SIGNER.verify(KEY, 1_900_000_000L, "")).isFalse();
    }

    @Test
    void keyAndExpiryCannotBeShiftedIntoEachOther() {
        // "key\nexp" is what is signed: a key ending in digits cannot borrow them from the expiry
        assertThat(SIGNER.sign("a1", 23)).isNotEqualTo(SIGNER.sign("a", 123));
    }

    @Test
    void anotherSecretGivesAnotherSignature() {
        UrlSigner other = new UrlSigner("another-secret-0123456".getBytes(StandardCharsets.UTF_8));
        assertThat(other.verify(KEY, 1L, SIGNER.sign(KEY, 1L))).isFalse();
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new UrlSigner(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutAConfiguredSecretOneIsGeneratedOnceAndKeptPrivate() throws Exception {
        Path home = Files.createTempDirectory("signer");
        UrlSigner first = UrlSigner.fromConfig(Optional.empty(), home);
        UrlSigner second = UrlSigner.fromConfig(Optional.empty(), home);
        assertThat(second.sign(KEY, 1)).isEqualTo(first.sign(KEY, 1));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("signing.secret"))))
                .isEqualTo("rw-------");
        assertThat(UrlSigner.fromConfig(Optional.of("configured-secret-123"), home)
                        .sign(KEY, 1))
                .isNotEqualTo(first.sign(KEY, 1));
    }
}
