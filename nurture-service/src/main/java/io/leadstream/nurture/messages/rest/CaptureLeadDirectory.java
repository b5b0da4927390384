package io.leadstream.nurture.messages.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.leadstream.nurture.templates.Channel;
import io.leadstream.nurture.messages.LeadDirectory;
import io.leadstream.nurture.messages.MessagingConfig;
import io.smallrye.mutiny.Uni;

/**
 * The lead's address, read from capture on each send with nurture's own token (never stored), and withdrawals written
 * into capture's consent ledger. Bounded by {@code leadstream.nurture.messages.capture.timeout}; a lead capture answers 404 for
 * (erased, merged away) has no recipient; any other failure reaches the caller.
 */
@ApplicationScoped
public class CaptureLeadDirectory implements LeadDirectory {

    private final CaptureLeadClient capture;
    private final Duration timeout;

    public CaptureLeadDirectory(@RestClient CaptureLeadClient capture,
            MessagingConfig config) {
        this.capture = capture;
        this.timeout = config.capture().timeout();
    }

    @Override
    public Uni<Recipient> recipient(UUID leadId) {
        return capture.lead(leadId)
                .ifNoItem().after(timeout).fail()
                .map(l -> new Recipient(l.firstName(), l.lastName(), l.email(), l.phone(), l.company(), l.country(),
                        l.language(), l.timeZone(), l.qualifiers() == null ? null : l.qualifiers().products()))
                .onFailure(e -> e instanceof WebApplicationException w && w.getResponse().getStatus() == 404)
                .recoverWithNull();
    }

    @Override
    public Uni<Void> withdraw(UUID leadId, String purpose, Channel channel, String source, Instant at) {
        return capture.recordConsent(leadId, new CaptureLeadClient.ConsentEntry(purpose, channel.consentName(),
                "WITHDRAWN", new CaptureLeadClient.Proof(at, "unsubscribe-link", source)))
                .ifNoItem().after(timeout).fail()
                // capture no longer knows the lead (erased, merged away): there is nobody left to write to
                .onFailure(e -> e instanceof WebApplicationException w && w.getResponse().getStatus() == 404)
                .recoverWithNull();
    }
}
