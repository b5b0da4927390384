package io.leadstream.capture.model;

import java.time.LocalDate;
import java.util.Map;

import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** More about the person (personal data: never in events). */
@Schema(name = "AdditionalInfo")
public record AdditionalInfo(
        @Size(max = 20) @Schema(type = SchemaType.OBJECT, description = "network → handle or profile URL; networks "
                + "are lower-case slugs (linkedin, x, github, …), handles 1-200 characters",
                examples = "{\"linkedin\": \"https://www.linkedin.com/in/ada\", \"github\": \"ada\"}")
        Map<String, String> socialAccounts,
        @Past @Schema(description = "ISO date, in the past", examples = "1815-12-10") LocalDate birthDate) {
}
