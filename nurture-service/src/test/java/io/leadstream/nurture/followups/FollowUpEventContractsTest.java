package io.leadstream.nurture.followups;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.EventContracts;

/** follow-up.due and follow-up.completed as nurture publishes them (chassis EventContracts): no note, no outcome. */
class FollowUpEventContractsTest {

    private static FollowUp followUp() {
        FollowUp f = new FollowUp();
        f.id = UUID.randomUUID();
        f.leadId = UUID.randomUUID();
        f.owner = "rep1";
        f.dueAt = Instant.parse("2026-12-04T09:00:00Z");
        f.timeZone = "Europe/Berlin";
        f.note = "ask Ada about the second site";
        f.createdBy = "rep1";
        f.createdAt = Instant.parse("2026-12-01T08:00:00Z");
        return f;
    }

    @Test
    void shouldPublishFollowUpCompletedAsItsSchemaSays() {
        FollowUp f = followUp();
        f.completedAt = Instant.parse("2026-12-04T09:20:13.520Z");
        f.completedBy = "manager";
        f.outcome = "Ada wants a quote for both sites";
        FollowUpCompleted event = FollowUpCompleted.of(f);
        EventContracts.assertPublishes(FollowUpCompleted.class, event);
        assertThat(event.toString()).doesNotContain("Ada");
    }

    @Test
    void shouldPublishFollowUpDueAsItsSchemaSays() {
        FollowUp f = followUp();
        f.remindedAt = Instant.parse("2026-12-04T09:00:41.118Z");
        FollowUpDue event = FollowUpDue.of(f);
        EventContracts.assertPublishes(FollowUpDue.class, event);
        assertThat(event.toString()).doesNotContain("Ada");
    }
}
