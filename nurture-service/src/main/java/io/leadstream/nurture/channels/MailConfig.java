package io.leadstream.nurture.channels;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code leadstream.nurture.mail.*}: how nurture's emails go out (the SMTP server itself is {@code quarkus.mailer.*}). */
@ConfigMapping(prefix = "leadstream.nurture.mail")
public interface MailConfig {

    /** The From of every message, with its display name. */
    @WithDefault("Leadstream <no-reply@leadstream.local>")
    String from();

    /** The right-hand side of {@code Message-ID: <messageId@domain>}; by default the From address's domain. */
    java.util.Optional<String> messageIdDomain();

    /** How long one message may take to cross SMTP before the send counts as failed (may be sent later). */
    @WithDefault("30s")
    Duration timeout();
}
