package io.leadstream.capture.channels;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * {@code leadstream.capture.whatsapp.*}: the secrets of the WhatsApp Cloud API webhook. Unset (the default), the
 * handshake answers 403 and every delivery 401: the webhook is closed until it is configured.
 */
@ConfigMapping(prefix = "leadstream.capture.whatsapp")
public interface WhatsAppConfig {

    /** The verify token entered in Meta's app dashboard; {@code GET /webhooks/whatsapp} echoes the challenge for it. */
    Optional<String> verifyToken();

    /** The Meta app secret: deliveries are signed with it ({@code X-Hub-Signature-256}, HMAC-SHA256 of the body). */
    Optional<String> appSecret();
}
