package io.leadstream.nurture.messages;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.nurture.consent.ConsentBook;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * One-click unsubscribe: a signed link from an email withdraws the lead's consent for that message's purpose on that
 * channel in capture's consent ledger (which announces consent.changed to every service), and in nurture's own
 * consent book at once, so that nothing more goes out while the event travels. Following a link twice is harmless.
 */
@ApplicationScoped
public class Unsubscribes {

    /** The source capture's ledger shows for a withdrawal through a link. */
    static final String SOURCE = "nurture-unsubscribe-link";

    private final LeadDirectory directory;
    private final ConsentBook consents;
    private final MessagingConfig config;
    private final Clock clock;

    public Unsubscribes(LeadDirectory directory, ConsentBook consents, MessagingConfig config, Clock clock) {
        this.directory = directory;
        this.consents = consents;
        this.config = config;
        this.clock = clock;
    }

    /** What the token stands for, if this service signed it. */
    public Optional<UnsubscribeToken> read(String token) {
        return UnsubscribeToken.verify(token, config.unsubscribeKey());
    }

    /** Withdraws what the token names; fails when capture could not record it (the caller may try again). */
    public Uni<UnsubscribeToken> unsubscribe(UnsubscribeToken token) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return directory.withdraw(token.leadId(), token.purpose(), token.channel(), SOURCE, now)
                .chain(() -> Panache.withTransaction(() -> consents.withdrawn(token.leadId(), token.purpose(),
                        token.channel().consentName(), "unsubscribe-link", now)))
                .invoke(() -> Log.infof("lead %s unsubscribed from %s by %s (message %s)", token.leadId(),
                        token.purpose(), token.channel(), token.messageId()))
                .replaceWith(token);
    }
}
