package io.leadstream.capture.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** Validates event payloads against capture-service's own schemas ({@code src/main/resources/events/}). */
final class EventSchemas {

    private EventSchemas() {
    }

    /** What is wrong with {@code json} under the schema in {@code file} (another service's, read from the repository). */
    static Set<ValidationMessage> errors(java.nio.file.Path file, JsonNode json) {
        try {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(java.nio.file.Files.readString(file)).validate(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with {@code json} as {@code event} (e.g. {@code consent.changed.v1}); empty when it is valid. */
    static Set<ValidationMessage> errors(String event, JsonNode json) {
        try (InputStream schema = EventSchemas.class.getResourceAsStream("/events/" + event + ".json")) {
            if (schema == null) {
                throw new IllegalArgumentException("no schema events/" + event + ".json");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema).validate(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
