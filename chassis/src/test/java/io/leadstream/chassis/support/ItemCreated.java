package io.leadstream.chassis.support;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;

/** The chassis tests' own event: {@code leadstream.item.created.v1}. */
@EventType("item.created")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemCreated(String itemId, Integer n) implements DomainEvent {
}
