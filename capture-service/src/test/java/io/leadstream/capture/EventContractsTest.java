package io.leadstream.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.leadstream.capture.access.LeadAssignedEvent;
import io.leadstream.capture.access.LeadClaimedEvent;
import io.leadstream.capture.access.LeadReassignedEvent;
import io.leadstream.capture.channels.LeadInquired;
import io.leadstream.capture.consent.ConsentChanged;
import io.leadstream.capture.dedup.LeadMerged;
import io.leadstream.capture.erasure.LeadErased;
import io.leadstream.capture.intake.LeadCaptured;
import io.leadstream.capture.leads.LeadUpdated;
import io.leadstream.chassis.testing.EventContracts;

/** What capture publishes and reads, held to the producers' schemas (chassis EventContracts). */
class EventContractsTest {

    @Test
    void shouldPublishLeadCapturedAsItsSchemaSays() {
        EventContracts.assertPublishes(LeadCaptured.class);
    }

    @Test
    void shouldPublishLeadUpdatedAsItsSchemaSays() {
        EventContracts.assertPublishes(LeadUpdated.class);
    }

    @Test
    void shouldPublishLeadMergedAsItsSchemaSays() {
        EventContracts.assertPublishes(LeadMerged.class);
    }

    @Test
    void shouldPublishLeadErasedAsItsSchemaSays() {
        EventContracts.assertPublishes(LeadErased.class);
    }

    @Test
    void shouldPublishLeadInquiredAsItsSchemaSays() {
        EventContracts.assertPublishes(LeadInquired.class);
    }

    @Test
    void shouldPublishConsentChangedAsItsSchemaSays() {
        EventContracts.assertPublishes(ConsentChanged.class);
    }

    @Test
    void shouldReadLeadAssignedAsDistributionPublishesIt() {
        List<LeadAssignedEvent> examples = EventContracts.assertConsumes(LeadAssignedEvent.class, "distribution-service");
        assertThat(examples).allSatisfy(assigned -> {
            assertThat(assigned.leadId()).isNotNull();
            assertThat(assigned.repId()).isNotBlank();
            assertThat(assigned.assignedAt()).isNotNull();
        });
    }

    @Test
    void shouldReadLeadReassignedAsDistributionPublishesIt() {
        List<LeadReassignedEvent> examples = EventContracts.assertConsumes(LeadReassignedEvent.class,
                "distribution-service");
        assertThat(examples).hasSize(2).allSatisfy(reassigned -> {
            assertThat(reassigned.leadId()).isNotNull();
            assertThat(reassigned.repId()).isNotBlank();
            assertThat(reassigned.reassignedAt()).isNotNull();
        });
        assertThat(examples.get(0).repId()).isEqualTo("rep2");
        assertThat(examples.get(0).reassignedAt()).isEqualTo(java.time.Instant.parse("2026-11-23T08:30:00Z"));
    }

    @Test
    void shouldReadLeadClaimedAsDistributionPublishesIt() {
        List<LeadClaimedEvent> examples = EventContracts.assertConsumes(LeadClaimedEvent.class, "distribution-service");
        assertThat(examples).hasSize(1).allSatisfy(claimed -> {
            assertThat(claimed.leadId()).isNotNull();
            assertThat(claimed.repId()).isNotBlank();
            assertThat(claimed.claimedAt()).isNotNull();
        });
        assertThat(examples.get(0).repId()).isEqualTo("rep2");
        assertThat(examples.get(0).claimedAt()).isEqualTo(java.time.Instant.parse("2026-11-22T10:04:31Z"));
    }

    @Test
    void shouldReadLeadSharedAsDistributionPublishesIt() {
        assertThat(EventContracts.assertConsumes(io.leadstream.capture.access.LeadSharedEvent.class,
                "distribution-service")).isNotEmpty().allSatisfy(shared -> {
                    assertThat(shared.leadId()).isNotNull();
                    assertThat(shared.sharedAt()).isNotNull();
                });
    }
}
