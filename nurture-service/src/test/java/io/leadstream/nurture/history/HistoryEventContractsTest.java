package io.leadstream.nurture.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.EventContracts;

/** What the timeline reads from scoring, held to scoring's schema and examples. */
class HistoryEventContractsTest {

    @Test
    void shouldReadLeadScoredAsScoringPublishesIt() {
        LeadScoredEvent example = EventContracts.assertConsumes(LeadScoredEvent.class, "scoring-service").get(0);
        assertThat(example.leadId()).isNotNull();
        assertThat(example.score()).isBetween(0, 100);
        assertThat(example.grade()).isIn("A", "B", "C", "D");
        assertThat(example.modelVersion()).isNotBlank();
        assertThat(example.scoredAt()).isNotNull();
    }
}
