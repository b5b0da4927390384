package io.leadstream.scoring.scores;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.EventContracts;

/** What scoring publishes and reads, held to the producers' schemas (chassis EventContracts). */
class EventContractsTest {

    @Test
    void shouldPublishLeadScoredAsItsSchemaSays() {
        EventContracts.assertPublishes(LeadScored.class);
    }

    @Test
    void shouldReadLeadCapturedAsCapturePublishesIt() {
        LeadCapturedEvent example = EventContracts.assertConsumes(LeadCapturedEvent.class, "capture-service").get(0);
        assertThat(example.facts().emailValid()).isTrue();
        assertThat(example.facts().emailDomainKind()).isEqualTo("CORPORATE");
        assertThat(example.facts().hasCompany()).isTrue();
        assertThat(example.facts().country()).isEqualTo("GB");
    }
}
