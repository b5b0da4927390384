package io.leadstream.scoring.scores;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.EventContracts;

/** What scoring publishes, held to its own schema (chassis EventContracts); what it reads: events/EventContractsTest. */
class EventContractsTest {

    @Test
    void shouldPublishLeadScoredAsItsSchemaSays() {
        EventContracts.assertPublishes(LeadScored.class);
        assertThat(EventContracts.assertConsumes(LeadScored.class, "scoring-service").get(0).reasons()).isNotEmpty();
    }
}
