package io.leadstream.capture.model;

import java.time.Instant;
import java.util.List;

/** A custom qualifier key as a lead admin defined it; {@code options} are an ENUM's allowed values, else empty. */
public record QualifierDefinition(String key, QualifierType type, String label, List<String> options,
        Instant updatedAt, String updatedBy) {
}
