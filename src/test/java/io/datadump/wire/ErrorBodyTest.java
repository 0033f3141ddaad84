package io.datadump.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit") // no database, no server: mvn test -Dgroups=unit
class ErrorBodyTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anErrorHasItsCodeMessageAndPropstacksErrorsArrayInThatOrder() throws Exception {
        assertThat(JSON.writeValueAsString(ErrorBody.of("invalid_api_key", "the API key is unknown")))
                .isEqualTo("{\"error\":\"invalid_api_key\",\"message\":\"the API key is unknown\","
                        + "\"errors\":[\"the API key is unknown\"]}");
    }

    @Test
    void detailsFollowOnlyWhereSet() throws Exception {
        assertThat(JSON.writeValueAsString(
                        ErrorBody.of("unknown_table", "no such table").withTables(List.of("a"))))
                .isEqualTo("{\"error\":\"unknown_table\",\"message\":\"no such table\",\"errors\":[\"no such table\"],"
                        + "\"tables\":[\"a\"]}");
        assertThat(JSON.writeValueAsString(
                        ErrorBody.of("too_many_requests", "wait").withRetryAfterSeconds(30)))
                .endsWith(",\"retry_after_seconds\":30}");
    }
}
