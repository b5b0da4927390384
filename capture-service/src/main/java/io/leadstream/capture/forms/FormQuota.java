package io.leadstream.capture.forms;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A form's rate limits (shared by every replica: the chassis RateLimiter keeps them in the database): all clients
 * together, and each client address.
 */
@Schema(name = "FormQuota")
public record FormQuota(
        @Valid @Schema(description = "all posts to the form; default 100 per 60 s") Limit perForm,
        @Valid @Schema(description = "posts from one client address; default 10 per 60 s") Limit perClient) {

    /** At most {@code permits} posts per {@code windowSeconds} (a token bucket: quiet clients may burst). */
    @Schema(name = "FormRateLimit")
    public record Limit(
            @NotNull @Min(1) @Max(1_000_000) Integer permits,
            @NotNull @Min(1) @Max(86_400) Integer windowSeconds) {
    }
}
