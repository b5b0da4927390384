package io.leadstream.scoring.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

/** scoring reads capture's lead.captured with its own record; the producer's schema is the contract. */
class LeadCapturedContractTest {

    static final Path CAPTURE_SCHEMA = Path.of("../capture-service/src/main/resources/events/lead.captured.v1.json");

    static final String EXAMPLE = """
            {"leadId":"9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f","source":"web","company":"Analytical Engines Ltd",
             "country":"GB","capturedAt":"2026-11-22T10:00:00.123456Z",
             "quality":{"emailValid":true,"emailDomainKind":"CORPORATE","phoneValid":true,"phoneType":"FIXED_LINE",
                        "hasCompany":true}}""";

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Test
    void shouldReadTheExampleThatCapturesSchemaAccepts() throws Exception {
        JsonNode example = mapper.readTree(EXAMPLE);
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(CAPTURE_SCHEMA));
        assertThat(schema.validate(example)).isEmpty();

        LeadCapturedEvent event = mapper.treeToValue(example, LeadCapturedEvent.class);
        assertThat(event.leadId()).hasToString("9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f");
        assertThat(event.facts().emailValid()).isTrue();
        assertThat(event.facts().emailDomainKind()).isEqualTo("CORPORATE");
        assertThat(event.facts().hasCompany()).isTrue();
        assertThat(event.facts().country()).isEqualTo("GB");
    }
}
