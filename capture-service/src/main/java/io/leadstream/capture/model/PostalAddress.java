package io.leadstream.capture.model;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A lead's postal address (personal data: never in events). The country is the lead's top-level {@code country}.
 * Parts are trimmed; an address with street, city, postal code and a country is "complete" ({@code addressComplete}).
 */
@Schema(name = "Address", description = "postal address; the country is the lead's top-level country")
public record PostalAddress(
        @Size(max = 200) @Schema(examples = "12 St James's Square") String street,
        @Size(max = 100) @Schema(examples = "London") String city,
        @Size(max = 20) @Schema(examples = "SW1Y 4LB") String postalCode,
        @Size(max = 100) @Schema(description = "state, province or county", examples = "Greater London") String region) {
}
