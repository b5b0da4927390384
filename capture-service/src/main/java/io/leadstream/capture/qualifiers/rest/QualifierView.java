package io.leadstream.capture.qualifiers.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.capture.model.QualifierDefinition;
import io.leadstream.capture.model.QualifierType;

/** A custom qualifier definition. */
@Schema(name = "Qualifier")
public record QualifierView(@Schema(examples = "budgetApproved") String key, QualifierType type, String label,
        @Schema(description = "ENUM: the allowed values; else empty") List<String> options, Instant updatedAt,
        String updatedBy) {

    public static QualifierView of(QualifierDefinition definition) {
        return new QualifierView(definition.key(), definition.type(), definition.label(), definition.options(),
                definition.updatedAt(), definition.updatedBy());
    }
}
