package io.leadstream.capture.consent.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.capture.consent.ConsentProof;
import io.leadstream.capture.consent.ConsentStatus;
import io.leadstream.capture.consent.RecordConsent;
import io.leadstream.capture.model.ConsentChannel;

/**
 * A grant or a withdrawal for one purpose and channel. Withdrawing is as easy as granting: the same call
 * with {@code WITHDRAWN}, and only the proof's {@code method} and {@code source} are required for it.
 */
@Schema(name = "RecordConsentRequest")
public record RecordConsentRequest(
        @NotBlank @Size(max = 50) @Pattern(regexp = ConsentProof.SLUG, message = ConsentProof.SLUG_MESSAGE)
        @Schema(description = "what the person agrees to, a lower-case slug", examples = "marketing") String purpose,
        @NotNull @Schema(description = "lower-case in JSON") ConsentChannel channel,
        @NotNull ConsentStatus status,
        @NotNull @Valid ConsentProof proof) {

    public RecordConsent toCommand() {
        return new RecordConsent(purpose, channel, status, proof);
    }
}
