package io.leadstream.distribution.assignments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.leadstream.chassis.testing.EventContracts;
import io.leadstream.chassis.testing.Repository;
import io.leadstream.distribution.leads.LeadCapturedEvent;
import io.leadstream.distribution.leads.LeadUpdatedEvent;
import io.leadstream.distribution.shares.LeadRecalled;
import io.leadstream.distribution.shares.LeadShared;

/** What distribution publishes and reads, held to the producers' schemas (chassis EventContracts). */
class EventContractsTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void shouldPublishLeadAssignedAsItsSchemaSays() {
        EventContracts.assertPublishes(LeadAssigned.class, new LeadAssigned(UUID.randomUUID(), "rep2", "ROUND_ROBIN",
                "heat-pumps-dach", 3, "team:dach", "rule heat-pumps-dach sends it to team dach: round-robin among 3 "
                        + "active reps: rep2 follows rep1", 70, "B", Instant.parse("2026-11-22T10:00:02.5Z")));
        // a merge's OWNER step names no rule
        EventContracts.assertPublishes(LeadAssigned.class, new LeadAssigned(UUID.randomUUID(), "rep2", "OWNER", null,
                null, "rep:rep2", "kept rep2", 70, "B", Instant.parse("2026-11-22T10:00:02.5Z")));
    }

    @Test
    void shouldPublishSharesAndRecallsAsTheirSchemasSay() {
        Instant at = Instant.parse("2026-11-22T10:00:05.123456Z");
        EventContracts.assertPublishes(LeadShared.class,
                new LeadShared(UUID.randomUUID(), UUID.randomUUID(), "acme", List.of("products", "country", "score"),
                        null, "manager1", at, at.plusSeconds(48 * 3600)),
                new LeadShared(UUID.randomUUID(), UUID.randomUUID(), "globex", List.of("grade"), "solar-partners",
                        null, at, at.plusSeconds(3600)));
        for (String reason : List.of("DECLINED", "DEADLINE", "REASSIGNED", "MERGED")) {
            EventContracts.assertPublishes(LeadRecalled.class, new LeadRecalled(UUID.randomUUID(), UUID.randomUUID(),
                    "acme", reason, at, at.plusSeconds(60)));
        }
    }

    /** A share names the facts it shows and never carries them, nor a note or contact details. */
    @Test
    void shouldKeepContactDetailsOutOfShares() throws Exception {
        JsonNode withEmail = mapper.readTree("""
                {"leadId":"9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f","shareId":"3c9e7b1a-2f4d-4e8a-9b6c-5d1e2f3a4b5c",
                 "partnerId":"acme","fields":["email"],"sharedAt":"2026-11-22T10:00:05Z",
                 "deadline":"2026-11-24T10:00:05Z"}""");
        JsonNode withNote = mapper.readTree("""
                {"leadId":"9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f","shareId":"3c9e7b1a-2f4d-4e8a-9b6c-5d1e2f3a4b5c",
                 "partnerId":"acme","fields":["score"],"sharedAt":"2026-11-22T10:00:05Z",
                 "deadline":"2026-11-24T10:00:05Z","note":"call Ada on +44 20 7183 8750"}""");
        assertThat(schemaErrors("lead.shared", withEmail)).isNotEmpty();
        assertThat(schemaErrors("lead.shared", withNote)).isNotEmpty();
    }

    /** The schema itself keeps personal data out and never announces a lead without its rep. */
    @Test
    void shouldRejectPersonalDataAndMissingReps() throws Exception {
        JsonNode withEmail = mapper.readTree("""
                {"leadId":"9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f","repId":"rep2","strategy":"ROUND_ROBIN","reason":"r",
                 "score":70,"grade":"B","assignedAt":"2026-11-22T10:00:02Z","email":"ada@example.com"}""");
        assertThat(leadAssignedSchemaErrors(withEmail)).isNotEmpty();

        JsonNode withoutRep = mapper.readTree("""
                {"leadId":"9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f","repId":null,"strategy":"ROUND_ROBIN","reason":"r",
                 "score":70,"grade":"B","assignedAt":"2026-11-22T10:00:02Z"}""");
        assertThat(leadAssignedSchemaErrors(withoutRep)).isNotEmpty();
    }

    @Test
    void shouldReadLeadScoredAsScoringPublishesIt() {
        LeadScoredEvent example = EventContracts.assertConsumes(LeadScoredEvent.class, "scoring-service").get(0);
        assertThat(example.leadId()).hasToString("9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f");
        assertThat(example.score()).isEqualTo(64);
        assertThat(example.grade()).isEqualTo("B");
        assertThat(example.scoredAt()).isEqualTo(Instant.parse("2026-11-22T10:00:01.5Z"));
        assertThat(EventContracts.assertConsumes(LeadScoredEvent.class, "scoring-service"))
                .extracting(LeadScoredEvent::qualified).isNotEmpty().doesNotContainNull();
    }

    /** Routing reads the lead's attributes from capture's lead.captured and lead.updated, and the capturer. */
    @Test
    void shouldReadTheAttributesRulesRouteOnAsCapturePublishesThem() {
        LeadCapturedEvent captured = EventContracts.assertConsumes(LeadCapturedEvent.class, "capture-service").get(0);
        assertThat(captured.attributes().products()).contains("heat-pumps");
        assertThat(captured.attributes().country()).isEqualTo("GB");
        assertThat(captured.attributes().source()).isEqualTo("web");
        assertThat(captured.attributes().utm().medium()).isEqualTo("email");
        LeadUpdatedEvent updated = EventContracts.assertConsumes(LeadUpdatedEvent.class, "capture-service").get(0);
        assertThat(updated.leadId()).isNotNull();
        assertThat(EventContracts.assertConsumes(LeadMergedEvent.class, "capture-service"))
                .anySatisfy(e -> assertThat(e.survivor()).isNotNull());
    }

    /** Assignment needs these four: a lead.scored without one of them is malformed, never a lead to assign. */
    @Test
    void shouldRelyOnlyOnFieldsScoringsSchemaRequires() throws Exception {
        JsonNode schema = mapper.readTree(Repository.root()
                .resolve("scoring-service/src/main/resources/events/lead.scored.v1.json").toFile());
        assertThat(schema.path("required")).extracting(JsonNode::asText)
                .contains("leadId", "score", "grade", "scoredAt");
    }

    private Set<ValidationMessage> leadAssignedSchemaErrors(JsonNode json) throws Exception {
        return schemaErrors("lead.assigned", json);
    }

    private Set<ValidationMessage> schemaErrors(String type, JsonNode json) throws Exception {
        try (InputStream schema = getClass().getResourceAsStream("/events/" + type + ".v1.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema).validate(json);
        }
    }

    @Test
    void shouldReadCapturesMergesAndErasuresAsCapturePublishesThem() {
        assertThat(EventContracts.assertConsumes(LeadMergedEvent.class, "capture-service"))
                .anySatisfy(e -> assertThat(e.kind()).isEqualTo("MANUAL"));
        assertThat(EventContracts.assertConsumes(LeadErasedEvent.class, "capture-service").get(0).leadId()).isNotNull();
    }

    /** The SLA clocks stop on nurture's contact events and the assignment closes on its stage changes. */
    @Test
    void shouldReadNurturesContactEventsAsNurturePublishesThem() {
        List<NurtureEvents.ActivityLogged> activities = EventContracts.assertConsumes(NurtureEvents.ActivityLogged.class,
                "nurture-service");
        assertThat(activities).extracting(NurtureEvents.ActivityLogged::kind).contains("CALL", "EMAIL", "DOCUMENT");
        // the examples: an outbound call is contact, an inbound email (the lead's reply) and a document are not
        assertThat(activities).extracting(NurtureEvents.ActivityLogged::contact).containsExactly(true, false, false);
        assertThat(activities).extracting(NurtureEvents.ActivityLogged::occurredAt).doesNotContainNull();
        assertThat(EventContracts.assertConsumes(NurtureEvents.StageChanged.class, "nurture-service"))
                .extracting(NurtureEvents.StageChanged::to).contains("OPEN", "CONTACTED");
        assertThat(EventContracts.assertConsumes(NurtureEvents.MessageSent.class, "nurture-service"))
                .allSatisfy(m -> assertThat(m.sentAt()).isNotNull());
    }

    @Test
    void shouldPublishSlaBreachedAsItsSchemaSays() {
        Instant start = Instant.parse("2026-11-23T09:10:00Z");
        EventContracts.assertPublishes(SlaBreached.class,
                new SlaBreached(UUID.randomUUID(), "rep1", "FIRST_TOUCH", "ESCALATE", "rule:hot-leads", start,
                        start.plusSeconds(3600), start.plusSeconds(7200), "dach", "manager", null,
                        start.plusSeconds(7230)),
                new SlaBreached(UUID.randomUUID(), "rep1", "NEXT_TOUCH", "REASSIGN", "default", start,
                        start.plusSeconds(3600), start.plusSeconds(7200), null, null, "rep2", start.plusSeconds(7230)));
    }
}
