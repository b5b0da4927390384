package io.leadstream.capture.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class RequestHashTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private String hash(String json) throws Exception {
        return RequestHash.of("POST /api/leads", mapper.readTree(json));
    }

    @Test
    void shouldIgnoreMemberOrderAndWhitespaceAtEveryDepth() throws Exception {
        assertThat(hash("{\"a\":1,\"b\":{\"x\":\"1\",\"y\":[1,2]}}"))
                .isEqualTo(hash(" {\n \"b\" : { \"y\":[1, 2], \"x\":\"1\" },\t\"a\":1 } "));
    }

    @Test
    void shouldWriteMembersSortedWithoutSpaces() throws Exception {
        JsonNode node = mapper.readTree("{ \"z\": [ {\"b\":true, \"a\":null} ], \"a\": \"x\" }");
        assertThat(RequestHash.canonicalJson(node)).isEqualTo("{\"a\":\"x\",\"z\":[{\"a\":null,\"b\":true}]}");
    }

    @Test
    void shouldCompareNumbersByValue() throws Exception {
        assertThat(hash("{\"n\":1}")).isEqualTo(hash("{\"n\":1.0}")).isEqualTo(hash("{\"n\":1e0}"));
        assertThat(hash("{\"n\":1}")).isNotEqualTo(hash("{\"n\":1.5}"));
    }

    @Test
    void shouldTellDifferentValuesArrayOrderAndNullApart() throws Exception {
        String base = hash("{\"email\":\"ada@example.com\",\"tags\":[1,2]}");
        assertThat(hash("{\"email\":\"Ada@example.com\",\"tags\":[1,2]}")).isNotEqualTo(base);
        assertThat(hash("{\"email\":\"ada@example.com\",\"tags\":[2,1]}")).isNotEqualTo(base);
        assertThat(hash("{\"email\":\"ada@example.com\",\"tags\":[1,2],\"phone\":null}")).isNotEqualTo(base);
    }

    @Test
    void shouldBindTheHashToTheOperation() throws Exception {
        JsonNode body = mapper.readTree("{\"a\":1}");
        assertThat(RequestHash.of("POST /api/leads", body)).isNotEqualTo(RequestHash.of("POST /api/partner/leads", body))
                .hasSize(64).matches("[0-9a-f]+");
    }
}
