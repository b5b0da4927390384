package io.leadstream.capture.channels.rest;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.capture.channels.PhoneCall;

/**
 * A logged phone call. {@code phone} finds the lead; when none has it, the contact fields make a new one (then
 * {@code firstName} and {@code lastName} are required, as for any lead). The call's own fields describe it;
 * {@code summary} is kept in capture-service only (personal data), never in events.
 */
@Schema(name = "CallRequest")
public record CallRequest(
        @NotBlank @Size(max = 40) @Schema(description = "the other party's number; E.164, or national with country",
                examples = "+44 20 7946 0958") String phone,
        @Size(max = 60) @Schema(description = "ISO 3166-1 code or English name: the region of a national phone "
                + "number, and the new lead's country", examples = "GB") String country,
        @Size(max = 100) String firstName,
        @Size(max = 100) String lastName,
        @Size(max = 254) String email,
        @Size(max = 200) String company,
        @Pattern(regexp = "inbound|outbound", message = "must be inbound or outbound")
        @Schema(description = "default inbound", enumeration = { "inbound", "outbound" }) String direction,
        @Schema(description = "when the call happened (default: now); not in the future") Instant occurredAt,
        @Min(0) @Max(86_400) Integer durationSeconds,
        @Size(max = 40) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "lower-case words joined by '-'")
        @Schema(description = "answered, voicemail, no-answer, callback-requested, …", examples = "answered") String outcome,
        @Size(max = 2000) @Schema(description = "what was said; stays in capture-service") String summary,
        @Size(max = 255) @Pattern(regexp = "[!-~]+", message = "visible ASCII characters only")
        @Schema(description = "the telephony system's id of the call: the same callId twice is recorded once")
        String callId) {

    public PhoneCall toCall() {
        return new PhoneCall(phone, country, firstName, lastName, email, company, direction, occurredAt,
                durationSeconds, outcome, summary, callId);
    }
}
