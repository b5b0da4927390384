package io.leadstream.nurture.messaging;

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

/** nurture reads distribution's lead.assigned with its own record; the producer's schema is the contract. */
class LeadAssignedContractTest {

    static final Path DISTRIBUTION_SCHEMA = Path.of("../distribution-service/src/main/resources/events/lead.assigned.v1.json");

    static final String EXAMPLE = """
            {"leadId":"9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f","repId":"rep1","strategy":"ROUND_ROBIN",
             "reason":"rule 'web leads': round robin in team emea","score":70,"grade":"B",
             "assignedAt":"2026-11-22T10:00:05.123456Z"}""";

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Test
    void shouldReadTheExampleThatDistributionsSchemaAccepts() throws Exception {
        JsonNode example = mapper.readTree(EXAMPLE);
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(DISTRIBUTION_SCHEMA));
        assertThat(schema.validate(example)).isEmpty();

        LeadAssignedEvent event = mapper.treeToValue(example, LeadAssignedEvent.class);
        assertThat(event.leadId()).hasToString("9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f");
        assertThat(event.repId()).isEqualTo("rep1");
        assertThat(event.assignedAt()).isEqualTo(Instant.parse("2026-11-22T10:00:05.123456Z"));
    }
}
