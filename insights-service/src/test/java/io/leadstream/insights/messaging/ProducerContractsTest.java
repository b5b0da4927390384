package io.leadstream.insights.messaging;

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

/** insights reads three producers' events with its own records; each producer's schema is the contract. */
class ProducerContractsTest {

    static final String LEAD_ID = "9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f";

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Test
    void shouldReadTheLeadCapturedExampleThatCapturesSchemaAccepts() throws Exception {
        LeadCapturedEvent event = readValid("../capture-service/src/main/resources/events/lead.captured.v1.json", """
                {"leadId":"%s","source":"web","company":"Analytical Engines Ltd","country":"GB",
                 "capturedAt":"2026-11-22T10:00:00.123456Z",
                 "quality":{"emailValid":true,"emailDomainKind":"CORPORATE","phoneValid":true,"phoneType":"FIXED_LINE",
                            "hasCompany":true}}""", LeadCapturedEvent.class);
        assertThat(event.leadId()).hasToString(LEAD_ID);
        assertThat(event.source()).isEqualTo("web");
        assertThat(event.capturedAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00.123456Z"));
    }

    @Test
    void shouldReadTheLeadScoredExampleThatScoringsSchemaAccepts() throws Exception {
        LeadScoredEvent event = readValid("../scoring-service/src/main/resources/events/lead.scored.v1.json", """
                {"leadId":"%s","score":70,"grade":"B","fit":25,"engagement":0,"dataQuality":45,
                 "reasonCodes":["EMAIL_VALID","SOURCE_WEB"],"modelVersion":"rules-v1","trigger":"lead.captured",
                 "scoredAt":"2026-11-22T10:00:01.5Z"}""", LeadScoredEvent.class);
        assertThat(event.leadId()).hasToString(LEAD_ID);
        assertThat(event.score()).isEqualTo(70);
        assertThat(event.grade()).isEqualTo("B");
        assertThat(event.scoredAt()).isEqualTo(Instant.parse("2026-11-22T10:00:01.5Z"));
    }

    @Test
    void shouldReadTheLeadAssignedExampleThatDistributionsSchemaAccepts() throws Exception {
        LeadAssignedEvent event = readValid("../distribution-service/src/main/resources/events/lead.assigned.v1.json", """
                {"leadId":"%s","repId":"rep1","strategy":"ROUND_ROBIN",
                 "reason":"rule 'web leads': round robin in team emea","score":70,"grade":"B",
                 "assignedAt":"2026-11-22T10:00:05.123456Z"}""", LeadAssignedEvent.class);
        assertThat(event.leadId()).hasToString(LEAD_ID);
        assertThat(event.repId()).isEqualTo("rep1");
        assertThat(event.assignedAt()).isEqualTo(Instant.parse("2026-11-22T10:00:05.123456Z"));
    }

    /** Checks the example against the producer's schema (by relative path), then reads it with our record. */
    private <T> T readValid(String producerSchema, String example, Class<T> type) throws Exception {
        JsonNode json = mapper.readTree(example.formatted(LEAD_ID));
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of(producerSchema)));
        assertThat(schema.validate(json)).isEmpty();
        return mapper.treeToValue(json, type);
    }
}
