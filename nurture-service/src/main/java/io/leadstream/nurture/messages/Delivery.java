package io.leadstream.nurture.messages;

import java.time.Instant;

/** A channel accepted a message: the provider's id for it (null where it gives none, e.g. SMTP) and when. */
public record Delivery(String providerMessageId, Instant acceptedAt) {
}
