package io.leadstream.capture.service;

import java.time.Instant;
import java.util.List;

import io.leadstream.capture.QualifierType;

/** A custom qualifier key as a lead admin defined it; {@code options} are an ENUM's allowed values, else empty. */
public record QualifierDefinition(String key, QualifierType type, String label, List<String> options,
        Instant updatedAt, String updatedBy) {
}
