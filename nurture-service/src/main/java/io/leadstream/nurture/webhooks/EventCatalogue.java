package io.leadstream.nurture.webhooks;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.leadstream.chassis.events.CloudEvents;
import io.leadstream.chassis.inbox.EventConsumer;
import io.leadstream.chassis.inbox.EventHandlers;

/**
 * The events a subscription may ask for: every event nurture reads (capture's, scoring's, distribution's topics and its
 * own), as its consumers' tables name them, handled or ignored; by name ({@code lead.captured}), any version.
 */
@ApplicationScoped
public class EventCatalogue {

    private final SortedSet<String> names;

    public EventCatalogue(Instance<EventConsumer> consumers) {
        SortedSet<String> all = new TreeSet<>();
        for (EventConsumer consumer : consumers) {
            EventHandlers table = consumer.handlers();
            table.handled().keySet().forEach(type -> all.add(CloudEvents.eventName(type)));
            table.ignored().keySet().forEach(type -> all.add(CloudEvents.eventName(type)));
        }
        this.names = Collections.unmodifiableSortedSet(all);
    }

    public SortedSet<String> names() {
        return names;
    }
}
