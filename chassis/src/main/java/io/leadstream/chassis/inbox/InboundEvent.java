package io.leadstream.chassis.inbox;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.chassis.events.CloudEvents;

/**
 * An event as a consumer sees it: its CloudEvents attributes and its JSON data. Consumers read the data
 * into their own record types ({@link #dataAs}); unknown fields are ignored (tolerant reader).
 */
public record InboundEvent(String id, String type, String source, String subject, Instant time, JsonNode data,
        ObjectMapper mapper) {

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
