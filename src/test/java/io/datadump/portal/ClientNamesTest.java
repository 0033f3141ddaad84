package io.datadump.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit") // no database, no server: mvn test -Dgroups=unit
class ClientNamesTest {
    @Test
    void userAgentsAreNamedAsPeopleKnowTheTools() {
        assertThat(ClientNames.of("Microsoft.Data.Mashup (https://go.microsoft.com/fwlink/?LinkID=304225)"))
                .isEqualTo("Power BI / Excel");
        assertThat(ClientNames.of("Power BI/2.140")).isEqualTo("Power BI / Excel");
        assertThat(ClientNames.of("curl/8.5.0")).isEqualTo("curl");
        assertThat(ClientNames.of("datadump/0.1.0 (pull)")).isEqualTo("datadump");
        assertThat(ClientNames.of("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/131.0.0.0 Safari/537.36"))
                .isEqualTo("Chrome");
        assertThat(ClientNames.of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"))
                .isEqualTo("Edge");
        assertThat(ClientNames.of("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like"
                        + " Gecko) Version/17.1 Safari/605.1.15"))
                .isEqualTo("Safari");
        assertThat(ClientNames.of("Mozilla/5.0 (Google-Apps-Script)")).isEqualTo("Google Sheets");
        assertThat(ClientNames.of("python-requests/2.31.0")).isEqualTo("Python");
        assertThat(ClientNames.of("Java-http-client/17.0.15")).isEqualTo("Java");
        assertThat(ClientNames.of("SomeVeryLongUnknownToolNameThatGoesOn/1.0")).isEqualTo("SomeVeryLongUnknownToolN…");
        assertThat(ClientNames.of(null)).isEmpty();
    }

    @Test
    void addressesAreWrittenAsPeopleWriteThem() {
        assertThat(ClientNames.address("[0:0:0:0:0:0:0:1]")).isEqualTo("::1");
        assertThat(ClientNames.address("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(ClientNames.address("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(ClientNames.address("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2:3:4:5:6");
        assertThat(ClientNames.address("fe80:0:0:0:0:0:0:1%eth0")).isEqualTo("fe80::1");
        assertThat(ClientNames.address("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(ClientNames.address("203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(ClientNames.address("not an address")).isEqualTo("not an address");
        assertThat(ClientNames.address(null)).isEmpty();
    }
}
