package io.leadstream.nurture.stages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.EventContracts;

/** What nurture publishes and reads, held to the producers' schemas (chassis EventContracts). */
class EventContractsTest {

    @Test
    void shouldPublishLeadStageChangedAsItsSchemaSays() {
        UUID lead = UUID.fromString("9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f");
        Instant at = Instant.parse("2026-11-23T09:00:00.123456Z");
        EventContracts.assertPublishes(LeadStageChanged.class,
                new LeadStageChanged(lead, null, Stage.OPEN, "rep1", "assigned to rep1", null, at),
                new LeadStageChanged(lead, Stage.OPEN, Stage.CONTACTED, "rep1", "moved by rep1", "rep1", at),
                new LeadStageChanged(lead, Stage.QUALIFIED, Stage.UNQUALIFIED, "rep1", "no-budget", "rep1", at),
                new LeadStageChanged(lead, Stage.OPEN, Stage.CUSTOMER, null, "contract-signed", "manager1", at));
    }

    @Test
    void shouldReadLeadSharedAsDistributionPublishesIt() {
        LeadSharedEvent example = EventContracts.assertConsumes(LeadSharedEvent.class, "distribution-service").get(0);
        assertThat(example.leadId()).hasToString("9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f");
        assertThat(example.sharedAt()).isEqualTo(Instant.parse("2026-11-22T10:00:05.123456Z"));
        assertThat(example.partnerId()).isNotBlank();
    }

    @Test
    void shouldReadLeadAssignedAsDistributionPublishesIt() {
        LeadAssignedEvent example = EventContracts.assertConsumes(LeadAssignedEvent.class, "distribution-service").get(0);
        assertThat(example.leadId()).hasToString("9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f");
        assertThat(example.repId()).isEqualTo("rep1");
        assertThat(example.assignedAt()).isEqualTo(Instant.parse("2026-11-22T10:00:05.123456Z"));
        assertThat(example.strategy()).isNotBlank();
        assertThat(example.reason()).isNotBlank();
    }

    @Test
    void shouldReadLeadClaimedAsDistributionPublishesIt() {
        LeadClaimedEvent example = EventContracts.assertConsumes(LeadClaimedEvent.class, "distribution-service").get(0);
        assertThat(example.leadId()).hasToString("9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f");
        assertThat(example.repId()).isEqualTo("rep2");
        assertThat(example.claimedAt()).isEqualTo(Instant.parse("2026-11-22T10:04:31Z"));
        assertThat(example.queue()).isNotBlank();
        assertThat(example.score()).isNotNull();
    }

    @Test
    void shouldReadLeadReassignedAsDistributionPublishesIt() {
        LeadReassignedEvent example = EventContracts.assertConsumes(LeadReassignedEvent.class, "distribution-service")
                .get(0);
        assertThat(example.leadId()).hasToString("9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f");
        assertThat(example.repId()).isEqualTo("rep2");
        assertThat(example.reassignedAt()).isEqualTo(Instant.parse("2026-11-23T08:30:00Z"));
        assertThat(example.previousRepId()).isNotBlank();
        assertThat(example.trigger()).isNotBlank();
    }

    @Test
    void shouldReadLeadQueuedAsDistributionPublishesIt() {
        LeadQueuedEvent example = EventContracts.assertConsumes(LeadQueuedEvent.class, "distribution-service").get(0);
        assertThat(example.leadId()).isNotNull();
        assertThat(example.queue()).isNotBlank();
        assertThat(example.queuedAt()).isNotNull();
    }

    @Test
    void shouldReadLeadRecalledAsDistributionPublishesIt() {
        LeadRecalledEvent example = EventContracts.assertConsumes(LeadRecalledEvent.class, "distribution-service")
                .get(0);
        assertThat(example.partnerId()).isNotBlank();
        assertThat(example.reason()).isIn("DECLINED", "DEADLINE", "REASSIGNED", "MERGED");
        assertThat(example.recalledAt()).isNotNull();
    }

    @Test
    void shouldReadSlaBreachedAsDistributionPublishesIt() {
        SlaBreachedEvent example = EventContracts.assertConsumes(SlaBreachedEvent.class, "distribution-service").get(0);
        assertThat(example.repId()).isNotBlank();
        assertThat(example.kind()).isIn("FIRST_TOUCH", "NEXT_TOUCH");
        assertThat(example.step()).isIn("REMIND", "ESCALATE", "REASSIGN");
        assertThat(example.breachedAt()).isNotNull();
    }
}
