package io.leadstream.capture.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.testing.EventContracts;

/**
 * Events in service tests, checked through the chassis' {@link EventContracts}: an event the service wrote (its
 * outbox payload) against its schema, and an event that must never be written (personal data) refused by it.
 */
public final class PublishedEvents {

    private static final ObjectMapper STRICT = new ObjectMapper().findAndRegisterModules()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PublishedEvents() {
    }

    /**
     * {@code payload} (as the outbox holds it) read as {@code type} with nothing left over, and valid under its
     * schema as the record writes it.
     */
    public static <T extends DomainEvent> T assertValid(Class<T> type, JsonNode payload) {
        T event;
        try {
            event = STRICT.treeToValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new AssertionError(type.getSimpleName() + " cannot read " + payload + ": " + e.getMessage(), e);
        }
        EventContracts.assertPublishes(type, event);
        return event;
    }

    /** An event record carrying {@code field} is refused: the schema does not declare the field. */
    public static void assertRefused(Class<? extends DomainEvent> type, String field) {
        assertThatThrownBy(() -> EventContracts.assertPublishes(type))
                .hasMessageContaining(field + " is written but the schema does not declare it");
    }

    /** A {@code sample} of the real record that the schema must refuse (a rule across fields). */
    public static <T extends DomainEvent> void assertInvalid(Class<T> type, T sample) {
        assertThatThrownBy(() -> EventContracts.assertPublishes(type, sample))
                .hasMessageContaining("sample " + sample + " is invalid");
    }
}
