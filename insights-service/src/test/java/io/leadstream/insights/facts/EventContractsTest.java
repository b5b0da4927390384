package io.leadstream.insights.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.EventContracts;

/** insights reads three producers' events with its own records; each producer's schema is the contract. */
class EventContractsTest {

    static final String LEAD_ID = "9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f";

    @Test
    void shouldReadLeadCapturedAsCapturePublishesIt() {
        LeadCapturedEvent event = EventContracts.assertConsumes(LeadCapturedEvent.class, "capture-service").get(0);
        assertThat(event.leadId()).hasToString(LEAD_ID);
        assertThat(event.source()).isEqualTo("web");
        assertThat(event.capturedAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00.123456Z"));
    }

    @Test
    void shouldReadLeadScoredAsScoringPublishesIt() {
        LeadScoredEvent event = EventContracts.assertConsumes(LeadScoredEvent.class, "scoring-service").get(0);
        assertThat(event.leadId()).hasToString(LEAD_ID);
        assertThat(event.score()).isEqualTo(64);
        assertThat(event.grade()).isEqualTo("B");
        assertThat(event.scoredAt()).isEqualTo(Instant.parse("2026-11-22T10:00:01.5Z"));
    }

    @Test
    void shouldReadLeadAssignedAsDistributionPublishesIt() {
        LeadAssignedEvent event = EventContracts.assertConsumes(LeadAssignedEvent.class, "distribution-service").get(0);
        assertThat(event.leadId()).hasToString(LEAD_ID);
        assertThat(event.repId()).isEqualTo("rep1");
        assertThat(event.assignedAt()).isEqualTo(Instant.parse("2026-11-22T10:00:05.123456Z"));
    }

    @Test
    void shouldReadLeadClaimedAsDistributionPublishesIt() {
        LeadClaimedEvent event = EventContracts.assertConsumes(LeadClaimedEvent.class, "distribution-service").get(0);
        assertThat(event.leadId()).hasToString(LEAD_ID);
        assertThat(event.repId()).isEqualTo("rep2");
        assertThat(event.claimedAt()).isEqualTo(Instant.parse("2026-11-22T10:04:31Z"));
    }

    @Test
    void shouldReadLeadReassignedAsDistributionPublishesIt() {
        LeadReassignedEvent event = EventContracts.assertConsumes(LeadReassignedEvent.class, "distribution-service")
                .get(0);
        assertThat(event.leadId()).hasToString(LEAD_ID);
        assertThat(event.repId()).isEqualTo("rep2");
    }

    @Test
    void shouldReadTheDimensionsOfLeadCapturedAndLeadUpdated() {
        assertThat(EventContracts.assertConsumes(LeadCapturedEvent.class, "capture-service"))
                .anySatisfy(e -> {
                    assertThat(e.country()).isEqualTo("GB");
                    assertThat(e.products()).isNotNull();
                });
        LeadUpdatedEvent updated = EventContracts.assertConsumes(LeadUpdatedEvent.class, "capture-service").get(0);
        assertThat(updated.leadId()).isNotNull();
        assertThat(updated.updatedAt()).isNotNull();
    }

    @Test
    void shouldReadMergesAndErasuresAsCapturePublishesThem() {
        assertThat(EventContracts.assertConsumes(LeadMergedEvent.class, "capture-service"))
                .anySatisfy(e -> {
                    assertThat(e.kind()).isEqualTo("MANUAL");
                    assertThat(e.mergedLeadId()).isNotNull();
                });
        assertThat(EventContracts.assertConsumes(LeadErasedEvent.class, "capture-service").get(0).erasedAt())
                .isNotNull();
    }

    @Test
    void shouldReadQualificationQueuesAndSharesAsPublished() {
        assertThat(EventContracts.assertConsumes(LeadScoredEvent.class, "scoring-service"))
                .allSatisfy(e -> assertThat(e.qualified()).isNotNull());
        assertThat(EventContracts.assertConsumes(LeadQueuedEvent.class, "distribution-service").get(0).queue())
                .isNotBlank();
        assertThat(EventContracts.assertConsumes(LeadSharedEvent.class, "distribution-service").get(0).partnerId())
                .isNotBlank();
    }

    @Test
    void shouldReadNurturesStageChangesActivitiesAndMessagesAsPublished() {
        assertThat(EventContracts.assertConsumes(LeadStageChangedEvent.class, "nurture-service"))
                .allSatisfy(e -> assertThat(e.to()).isNotBlank());
        assertThat(EventContracts.assertConsumes(ActivityLoggedEvent.class, "nurture-service").get(0).kind())
                .isNotBlank();
        assertThat(EventContracts.assertConsumes(MessageSentEvent.class, "nurture-service").get(0).sentBy())
                .isNotBlank();
    }

    @Test
    void shouldReadSlaBreachesAsDistributionPublishesThem() {
        SlaBreachedEvent event = EventContracts.assertConsumes(SlaBreachedEvent.class, "distribution-service").get(0);
        assertThat(event.leadId()).hasToString(LEAD_ID);
        assertThat(event.kind()).isEqualTo("FIRST_TOUCH");
        assertThat(event.breachedAt()).isEqualTo(Instant.parse("2026-11-23T10:10:21Z"));
    }
}
