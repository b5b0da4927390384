package io.leadstream.chassis.inbox;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.chassis.events.CloudEvents;

/**
 * An event as a consumer sees it: its CloudEvents attributes (with {@code sequence}, the publisher's number for it
 * among the lead's events, when it has one) and its JSON data. Consumers read the data
 * into their own record types ({@link #dataAs}); unknown fields are ignored (tolerant reader).
 */
public record InboundEvent(String id, String type, String source, String subject, Instant time, Long sequence,
        JsonNode data, ObjectMapper mapper) {

    /**
     * Whether the publisher numbered it for its lead ({@code ce_sequence}, with the source and the lead as subject):
     * the consumer then applies the lead's events from that source in order (docs/events.md, "Order").
     */
    public boolean ordered() {
        return sequence != null && source != null && subject != null;
    }

    /** {@code leadstream.lead.captured.v1} → {@code lead.captured}. */
    public String name() {
        return CloudEvents.eventName(type);
    }

    public <T> T dataAs(Class<T> type) {
        try {
            T read = data == null || data.isNull() ? null : mapper.readerFor(type)
                    .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(data);
            if (read == null) {
                throw new MalformedEventException("event " + id + " (" + this.type + ") carries no data");
            }
            return read;
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new MalformedEventException("event " + id + " (" + this.type + ") does not fit "
                    + type.getSimpleName() + ": " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                            ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }
}
