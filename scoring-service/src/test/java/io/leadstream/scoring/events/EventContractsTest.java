package io.leadstream.scoring.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.EventContracts;

/** Every event scoring reads, held to its producer's schema and examples (chassis EventContracts). */
class EventContractsTest {

    @Test
    void shouldReadCapturesEventsAsCapturePublishesThem() {
        LeadCapturedEvent captured = EventContracts.assertConsumes(LeadCapturedEvent.class, "capture-service").get(0);
        assertThat(captured.attributes().quality().emailDomainKind()).isEqualTo("CORPORATE");
        assertThat(captured.attributes().products()).containsExactly("heat-pumps");
        assertThat(captured.attributes().dealSize().currency()).isEqualTo("EUR");
        assertThat(captured.attributes().quality().nameLooksReal()).isTrue();
        assertThat(EventContracts.assertConsumes(LeadUpdatedEvent.class, "capture-service").get(0).attributes(null).jobTitle())
                .isEqualTo("CTO");
        assertThat(EventContracts.assertConsumes(LeadCapturedEvent.class, "capture-service"))
                .anySatisfy(e -> assertThat(e.attributes().quality().phoneCountry()).isNotNull())
                .anySatisfy(e -> assertThat(e.attributes().quality().postcodeValid()).isNotNull())
                .anySatisfy(e -> assertThat(e.attributes().customQualifiers()).isNotEmpty());
        assertThat(EventContracts.assertConsumes(LeadMergedEvent.class, "capture-service"))
                .anySatisfy(e -> assertThat(e.survivor().attributes(null).country()).isEqualTo("GB"));
        assertThat(EventContracts.assertConsumes(LeadErasedEvent.class, "capture-service").get(0).leadId()).isNotNull();
        assertThat(EventContracts.assertConsumes(LeadInquiredEvent.class, "capture-service").get(0).channel())
                .isEqualTo("whatsapp");
    }

    @Test
    void shouldReadDistributionsAndNurturesEventsAsTheyPublishThem() {
        assertThat(EventContracts.assertConsumes(LeadAssignedEvent.class, "distribution-service").get(0).repId())
                .isEqualTo("rep1");
        assertThat(EventContracts.assertConsumes(LeadClaimedEvent.class, "distribution-service"))
                .extracting(LeadClaimedEvent::repId).containsExactly("rep2");
        assertThat(EventContracts.assertConsumes(LeadReassignedEvent.class, "distribution-service"))
                .extracting(LeadReassignedEvent::repId).containsExactly("rep2", "rep3");
        assertThat(EventContracts.assertConsumes(LeadSharedEvent.class, "distribution-service"))
                .extracting(LeadSharedEvent::leadId).isNotEmpty().doesNotContainNull();
        assertThat(EventContracts.assertConsumes(LeadStageChangedEvent.class, "nurture-service").get(0).to())
                .isEqualTo("OPEN");
        assertThat(EventContracts.assertConsumes(ActivityLoggedEvent.class, "nurture-service"))
                .anySatisfy(e -> assertThat(e.reply()).isTrue())
                .anySatisfy(e -> assertThat(e.reply()).isFalse());
    }
}
