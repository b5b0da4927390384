package io.leadstream.capture.consent;

import java.time.Instant;

import io.leadstream.capture.model.ConsentChannel;

/** The consent for one purpose and channel as it stands: the latest entry's status, and since when (its capturedAt). */
public record CurrentConsent(String purpose, ConsentChannel channel, ConsentStatus status, Instant since) {
}
