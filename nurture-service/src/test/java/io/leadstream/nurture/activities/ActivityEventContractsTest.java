package io.leadstream.nurture.activities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.EventContracts;

/** activity.logged as nurture publishes it, and capture's events as nurture reads them (chassis EventContracts). */
class ActivityEventContractsTest {

    @Test
    void shouldPublishActivityLoggedAsItsSchemaSays() {
        Activity document = new Activity();
        document.id = UUID.randomUUID();
        document.leadId = UUID.randomUUID();
        document.kind = ActivityKind.DOCUMENT;
        document.documentFileName = "offer for Ada Lovelace.pdf";
        document.documentMediaType = "application/pdf";
        document.documentSizeBytes = 48213L;
        document.documentSha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        document.source = ActivitySource.REP;
        document.loggedBy = "rep1";
        document.occurredAt = Instant.parse("2026-11-26T11:00:00Z");
        Activity call = new Activity();
        call.id = UUID.randomUUID();
        call.leadId = UUID.randomUUID();
        call.kind = ActivityKind.CALL;
        call.direction = Direction.INBOUND;
        call.durationSeconds = 180;
        call.outcome = "answered";
        call.source = ActivitySource.INQUIRY;
        call.loggedBy = ActivityService.INQUIRY_LOGGER;
        call.occurredAt = Instant.parse("2026-11-25T15:00:00Z");
        EventContracts.assertPublishes(ActivityLogged.class, ActivityLogged.of(document), ActivityLogged.of(call));
    }

    @Test
    void shouldReadLeadInquiredAsCapturePublishesIt() {
        var examples = EventContracts.assertConsumes(LeadInquiredEvent.class, "capture-service");
        assertThat(examples).extracting(LeadInquiredEvent::channel).contains("whatsapp", "call");
        LeadInquiredEvent call = examples.stream().filter(e -> "call".equals(e.channel())).findFirst().orElseThrow();
        assertThat(call.direction()).isEqualTo("inbound");
        assertThat(call.durationSeconds()).isEqualTo(180);
        assertThat(call.outcome()).isEqualTo("answered");
    }

    @Test
    void shouldReadLeadErasedAsCapturePublishesIt() {
        LeadErasedEvent example = EventContracts.assertConsumes(LeadErasedEvent.class, "capture-service").get(0);
        assertThat(example.leadId()).hasToString("9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f");
    }

    @Test
    void shouldReadLeadMergedAsCapturePublishesIt() {
        var examples = EventContracts.assertConsumes(LeadMergedEvent.class, "capture-service");
        LeadMergedEvent manual = examples.stream().filter(e -> "MANUAL".equals(e.kind())).findFirst().orElseThrow();
        assertThat(manual.mergedLeadId()).hasToString("3f1d2c4b-5a69-4788-9abc-def012345678");
    }
}
