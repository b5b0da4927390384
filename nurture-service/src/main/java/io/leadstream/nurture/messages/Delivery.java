package io.leadstream.nurture.messages;

import java.time.Instant;

/**
 * A channel accepted a message: the provider's id for it and when. For WhatsApp the Cloud API's {@code wamid…}, for
 * SMS the gateway's id; for email (SMTP gives none) the {@code Message-ID} nurture set, {@code <messageId@domain>},
 * which a reply names in its {@code In-Reply-To}.
 */
public record Delivery(String providerMessageId, Instant acceptedAt) {
}
