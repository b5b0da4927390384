package io.leadstream.distribution.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

/** distribution reads scoring's lead.scored with its own record; the producer's schema is the contract. */
class LeadScoredContractTest {

    static final Path SCORING_SCHEMA = Path.of("../scoring-service/src/main/resources/events/lead.scored.v1.json");

    static final String EXAMPLE = """
            {"leadId":"9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f","score":70,"grade":"B","fit":25,"engagement":0,
             "dataQuality":45,"reasonCodes":["EMAIL_VALID","EMAIL_CORPORATE","SOURCE_WEB"],"modelVersion":"rules-v1",
             "trigger":"lead.captured","scoredAt":"2026-11-22T10:00:01.123456Z"}""";

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Test
    void shouldReadTheExampleThatScoringsSchemaAccepts() throws Exception {
        JsonNode example = mapper.readTree(EXAMPLE);
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(SCORING_SCHEMA));
        assertThat(schema.validate(example)).isEmpty();

        LeadScoredEvent event = mapper.treeToValue(example, LeadScoredEvent.class);
        assertThat(event.leadId()).hasToString("9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f");
        assertThat(event.score()).isEqualTo(70);
        assertThat(event.grade()).isEqualTo("B");
        assertThat(event.scoredAt()).isEqualTo(Instant.parse("2026-11-22T10:00:01.123456Z"));
    }

    @Test
    void shouldRelyOnlyOnFieldsScoringsSchemaRequires() throws Exception {
        JsonNode schema = mapper.readTree(Files.readString(SCORING_SCHEMA));
        assertThat(schema.path("required")).extracting(JsonNode::asText)
                .contains("leadId", "score", "grade", "scoredAt");
    }
}
