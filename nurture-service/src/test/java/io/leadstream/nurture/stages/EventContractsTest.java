package io.leadstream.nurture.stages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.EventContracts;

/** What nurture publishes and reads, held to the producers' schemas (chassis EventContracts). */
class EventContractsTest {

    @Test
    void shouldPublishLeadStageChangedAsItsSchemaSays() {
        EventContracts.assertPublishes(LeadStageChanged.class);
    }

    @Test
    void shouldReadLeadAssignedAsDistributionPublishesIt() {
        LeadAssignedEvent example = EventContracts.assertConsumes(LeadAssignedEvent.class, "distribution-service").get(0);
        assertThat(example.leadId()).hasToString("9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f");
        assertThat(example.repId()).isEqualTo("rep1");
        assertThat(example.assignedAt()).isEqualTo(Instant.parse("2026-11-22T10:00:05.123456Z"));
    }

    @Test
    void shouldReadLeadClaimedAsDistributionPublishesIt() {
        LeadClaimedEvent example = EventContracts.assertConsumes(LeadClaimedEvent.class, "distribution-service").get(0);
        assertThat(example.leadId()).hasToString("9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f");
        assertThat(example.repId()).isEqualTo("rep2");
        assertThat(example.claimedAt()).isEqualTo(Instant.parse("2026-11-22T10:04:31Z"));
    }

    @Test
    void shouldReadLeadReassignedAsDistributionPublishesIt() {
        LeadReassignedEvent example = EventContracts.assertConsumes(LeadReassignedEvent.class, "distribution-service")
                .get(0);
        assertThat(example.leadId()).hasToString("9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f");
        assertThat(example.repId()).isEqualTo("rep2");
        assertThat(example.reassignedAt()).isEqualTo(Instant.parse("2026-11-23T08:30:00Z"));
    }
}
