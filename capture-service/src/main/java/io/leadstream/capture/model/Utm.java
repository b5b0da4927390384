package io.leadstream.capture.model;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The UTM parameters of the link the lead came through (trimmed, as sent). */
@Schema(name = "Utm")
public record Utm(
        @Size(max = 200) @Schema(examples = "newsletter") String source,
        @Size(max = 200) @Schema(examples = "email") String medium,
        @Size(max = 200) @Schema(examples = "spring-sale") String campaign,
        @Size(max = 200) String term,
        @Size(max = 200) String content) {

    public boolean isEmpty() {
        return source == null && medium == null && campaign == null && term == null && content == null;
    }
}
