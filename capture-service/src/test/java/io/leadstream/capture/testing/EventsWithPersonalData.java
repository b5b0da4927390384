package io.leadstream.capture.testing;

import java.util.UUID;

import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;

/**
 * Events as capture must never write them: each carries one piece of personal data next to the lead id, and its
 * event's schema must refuse it ({@link PublishedEvents#assertRefused}).
 */
public final class EventsWithPersonalData {

    private EventsWithPersonalData() {
    }

    @EventType("lead.captured")
    public record LeadCapturedWithEmail(UUID leadId, String email) implements DomainEvent {
    }

    @EventType("lead.captured")
    public record LeadCapturedWithStreet(UUID leadId, String street) implements DomainEvent {
    }

    @EventType("lead.updated")
    public record LeadUpdatedWithEmail(UUID leadId, String email) implements DomainEvent {
    }

    @EventType("lead.merged")
    public record LeadMergedWithEmail(UUID leadId, String email) implements DomainEvent {
    }

    @EventType("lead.merged")
    public record LeadMergedWithLastName(UUID leadId, String lastName) implements DomainEvent {
    }

    @EventType("lead.inquired")
    public record LeadInquiredWithText(UUID leadId, String text) implements DomainEvent {
    }

    @EventType("consent.changed")
    public record ConsentChangedWithAddress(UUID leadId, String address) implements DomainEvent {
    }
}
