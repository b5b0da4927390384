package io.leadstream.capture.channels;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code leadstream.capture.email.*}: the inbound email channel. The webhook ({@code POST /webhooks/email}) is closed
 * (every delivery 401) until {@code webhook-secret} is set; the alias mailbox is read over IMAP only when
 * {@code imap.host} is set.
 */
@ConfigMapping(prefix = "leadstream.capture.email")
public interface EmailConfig {

    /** The secret an MTA or mail service signs each delivery with (X-Signature-256: sha256=HMAC-SHA256 of the body). */
    Optional<String> webhookSecret();

    /** The alias mailbox (such as sales@), read over IMAP. */
    Imap imap();

    interface Imap {

        /** The IMAP server; unset (the default), no mailbox is read. */
        Optional<String> host();

        /** 993 for IMAPS, 143 (or GreenMail's 3143) for IMAP. */
        @WithDefault("993")
        int port();

        /** Whether to speak IMAPS (TLS from the first byte); false: plain IMAP (upgraded by STARTTLS if offered). */
        @WithDefault("true")
        boolean ssl();

        Optional<String> user();

        Optional<String> password();

        @WithDefault("INBOX")
        String folder();

        /**
         * How often the mailbox is read when IDLE tells nothing (a server without IDLE, a connection that dropped
         * silently): each time, every unread message is handled.
         */
        @WithDefault("60s")
        Duration pollEvery();

        /** Connection and read timeouts of each IMAP command (IDLE itself waits until something arrives). */
        @WithDefault("20s")
        Duration timeout();
    }
}
