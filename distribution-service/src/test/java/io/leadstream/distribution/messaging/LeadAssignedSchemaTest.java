package io.leadstream.distribution.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** The producer side of lead.assigned: what LeadAssigned serialises to is what the published schema allows. */
class LeadAssignedSchemaTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void shouldPublishWhatTheSchemaDescribes() throws Exception {
        LeadAssigned event = new LeadAssigned(UUID.randomUUID(), "rep2", "ROUND_ROBIN",
                "round-robin among 3 active reps: rep2 follows rep1", 70, "B", Instant.parse("2026-11-22T10:00:02.5Z"));
        assertThat(schemaErrors(mapper.valueToTree(event))).isEmpty();
    }

    @Test
    void shouldRejectPersonalDataAndMissingReps() throws Exception {
        JsonNode withEmail = mapper.readTree("""
                {"leadId":"9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f","repId":"rep2","strategy":"ROUND_ROBIN","reason":"r",
                 "score":70,"grade":"B","assignedAt":"2026-11-22T10:00:02Z","email":"ada@example.com"}""");
        assertThat(schemaErrors(withEmail)).isNotEmpty();

        JsonNode withoutRep = mapper.readTree("""
                {"leadId":"9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f","repId":null,"strategy":"ROUND_ROBIN","reason":"r",
                 "score":70,"grade":"B","assignedAt":"2026-11-22T10:00:02Z"}""");
        assertThat(schemaErrors(withoutRep)).isNotEmpty();
    }

    private Set<ValidationMessage> schemaErrors(JsonNode json) throws Exception {
        try (InputStream schema = getClass().getResourceAsStream("/events/lead.assigned.v1.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema).validate(json);
        }
    }
}
