package io.leadstream.capture.model;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What qualifies a lead for scoring and routing. {@code products}, {@code segment} and {@code tags} are trimmed and
 * lower-cased (products and tags without repeats); {@code custom} values must name a qualifier defined under
 * {@code /api/qualifiers} and match its type.
 */
@Schema(name = "Qualifiers")
public record Qualifiers(
        @Size(max = 50) @Schema(description = "products of interest (each 1-100 characters); stored lower-case, "
                + "without repeats; searchable with ?product=", examples = "[\"solar-panels\", \"heat-pumps\"]")
        List<String> products,
        @Size(max = 100) @Schema(description = "market segment; stored lower-case; searchable with ?segment=",
                examples = "smb") String segment,
        @Size(max = 50) @Schema(description = "free tags (each 1-50 characters); stored lower-case, without repeats",
                examples = "[\"trade-fair-2026\"]") List<String> tags,
        @Valid DealSize dealSize,
        @Size(max = 50) @Schema(type = SchemaType.OBJECT, description = "custom qualifiers: key → value, each key "
                + "defined with PUT /api/qualifiers/{key}; the value matches its type (STRING: a string, NUMBER: a "
                + "number, BOOLEAN: true/false, DATE: an ISO date, ENUM: one of its options)",
                examples = "{\"budgetApproved\": true, \"employees\": 250}") Map<String, Object> custom) {
}
