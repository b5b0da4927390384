package io.leadstream.nurture.channels.rest;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code leadstream.nurture.whatsapp.*}: the WhatsApp Cloud API (or a compatible service) nurture sends through. The
 * channel is configured once it has a phone-number id and an access token.
 */
@ConfigMapping(prefix = "leadstream.nurture.whatsapp")
public interface WhatsAppConfig extends Resilience {

    /** Where the API is; requests go to {@code <base-url>/<api-version>/<phone-number-id>/messages}. */
    @WithDefault("https://graph.facebook.com")
    String baseUrl();

    @WithDefault("v21.0")
    String apiVersion();

    /** The business phone number's id (not the number itself). */
    Optional<String> phoneNumberId();

    /** A system user's access token with whatsapp_business_messaging, sent as {@code Authorization: Bearer …}. */
    Optional<String> accessToken();

    /** How long one attempt may take. */
    @WithDefault("10s")
    Duration timeout();
}
