package io.leadstream.nurture.consent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.EventContracts;

/** What nurture reads of capture's consent.changed, held to capture's schema and examples. */
class ConsentEventContractsTest {

    @Test
    void shouldReadConsentChangedAsCapturePublishesIt() {
        ConsentChangedEvent example = EventContracts.assertConsumes(ConsentChangedEvent.class, "capture-service").get(0);
        assertThat(example.leadId()).hasToString("9b2f0c1e-8a5e-4c43-9d6f-1c2b3a4d5e6f");
        assertThat(example.purpose()).isEqualTo("marketing");
        assertThat(example.channel()).isEqualTo("email");
        assertThat(example.status()).isEqualTo("GRANTED");
        assertThat(example.recordedAt()).isNotNull();
    }
}
