package io.leadstream.nurture.messages;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code leadstream.nurture.messages.*}: when and how often a lead may get a message, and the unsubscribe link. */
@ConfigMapping(prefix = "leadstream.nurture.messages")
public interface MessagingConfig {

    /** The purpose a message is for when the sender names none (consent is checked for it). */
    @WithDefault("marketing")
    String defaultPurpose();

    /** Quiet hours start, in the lead's time zone: no message from then ... */
    @WithDefault("21:00")
    LocalTime quietFrom();

    /** ... until this time (the next morning when it is before {@link #quietFrom()}). */
    @WithDefault("08:00")
    LocalTime quietUntil();

    /** At most this many messages to one lead (all channels) ... */
    @WithDefault("3")
    int frequencyCap();

    /** ... within this rolling window. */
    @WithDefault("P7D")
    Duration frequencyWindow();

    /** Where the one-click unsubscribe link points: this service's public base URL. */
    @WithDefault("http://127.0.0.1:8084")
    String publicUrl();

    /** The mailbox List-Unsubscribe's mailto: names (optional). */
    Optional<String> unsubscribeMailto();

    /**
     * The HMAC-SHA256 key that signs unsubscribe links (at least 32 characters). The default is published with the
     * source: set your own in production, or anybody can forge links.
     */
    @WithDefault("leadstream-local-unsubscribe-key-change-me-please")
    String unsubscribeKey();

    /** capture-service, where the lead's address is read at send time. */
    Capture capture();

    interface Capture {
        /** Its base URL (the REST client's {@code quarkus.rest-client.capture.url} defaults to it). */
        @WithDefault("http://127.0.0.1:8081")
        String url();

        /** How long reading a lead or writing a withdrawal may take. */
        @WithDefault("3s")
        Duration timeout();
    }
}
