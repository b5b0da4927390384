package io.leadstream.nurture.channels.rest;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code leadstream.nurture.sms.*}: the HTTP SMS gateway nurture sends through (README "Channels" describes its
 * contract). The channel is configured once it has a base URL, an API key and a sender.
 */
@ConfigMapping(prefix = "leadstream.nurture.sms")
public interface SmsConfig extends Resilience {

    /** Where the gateway is; messages are posted to {@code <base-url>/messages}. */
    Optional<String> baseUrl();

    /** Sent as {@code Authorization: Bearer …}. */
    Optional<String> apiKey();

    /** The sender the gateway shows: an E.164 number or an alphanumeric sender id. */
    Optional<String> sender();

    /** How long one attempt may take. */
    @WithDefault("10s")
    Duration timeout();
}
