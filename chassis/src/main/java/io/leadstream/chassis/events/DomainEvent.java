package io.leadstream.chassis.events;

/**
 * An event a service publishes through its outbox: a record, annotated with its {@link EventType}, that carries
 * no personal data (architecture.md). {@code outbox.record(leadId, new LeadCaptured(...))}.
 */
public interface DomainEvent {
}
