package io.leadstream.capture.consent;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.capture.access.LeadAccess;
import io.leadstream.chassis.access.Viewer;
import io.leadstream.capture.model.ContactNormaliser;
import io.leadstream.capture.model.FieldErrors;
import io.leadstream.capture.model.Lead;
import io.leadstream.chassis.outbox.Outbox;
import io.leadstream.chassis.problem.Problem.FieldError;
import io.netty.util.NetUtil;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The consent ledger: appends grants and withdrawals (never changes or deletes one) and announces each as
 * consent.changed in the same transaction, without the proof's personal data.
 */
@ApplicationScoped
public class ConsentService {

    /** A capturedAt this far ahead of our clock is still "now" (the caller's clock may run a little fast). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final ContactNormaliser normaliser;
    private final Outbox outbox;

    private final LeadAccess leadAccess;

    public ConsentService(ContactNormaliser normaliser, Outbox outbox, LeadAccess leadAccess) {
        this.normaliser = normaliser;
        this.outbox = outbox;
        this.leadAccess = leadAccess;
    }

    @WithTransaction
    public Uni<ConsentEntry> record(UUID leadId, RecordConsent request, Viewer viewer) {
        String recordedBy = viewer.name();
        return leadAccess.visible(leadId, viewer).chain(lead -> {
            ConsentEntry entry = entry(lead, request, recordedBy);
            return entry.<ConsentEntry>persist()
                    .chain(() -> outbox.record(leadId, ConsentChanged.of(entry)))
                    .invoke(() -> Log.infof("consent %s %s/%s for lead %s by %s", entry.status, entry.purpose,
                            entry.channel, leadId, recordedBy))
                    .replaceWith(entry);
        });
    }

    /** The lead's ledger with the entries of the leads merged into it (linked, never moved: the ledger is append-only). */
    @WithSession
    public Uni<ConsentLedger> ledger(UUID leadId, Viewer viewer) {
        return leadAccess.visible(leadId, viewer).chain(() -> ConsentEntry.ledgerOf(leadId)).map(ConsentLedger::of);
    }

    /** The current consent per purpose and channel of a lead known to exist (needs a session). */
    public Uni<List<CurrentConsent>> current(UUID leadId) {
        return ConsentEntry.ledgerOf(leadId).map(entries -> ConsentLedger.of(entries).current());
    }

    /** Validates what bean validation cannot (rules across fields, the address for its channel) and builds the row. */
    private ConsentEntry entry(Lead lead, RecordConsent request, String recordedBy) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ConsentProof proof = request.proof();
        List<FieldError> errors = new ArrayList<>();
        boolean grant = request.status() == ConsentStatus.GRANTED;
        if (grant && isBlank(proof.textVersion())) {
            errors.add(new FieldError("proof.textVersion", "is required for a grant: the version of the consent text"));
        }
        if (grant && isBlank(proof.address())) {
            errors.add(new FieldError("proof.address", "is required for a grant: the email or phone it is for"));
        }
        String address = normaliser.normaliseAddress(request.channel(), proof.address(), lead.country, "proof.address",
                errors);
        String ip = isBlank(proof.ipAddress()) ? null : proof.ipAddress().strip();
        if (ip != null && !NetUtil.isValidIpV4Address(ip) && !NetUtil.isValidIpV6Address(ip)) {
            errors.add(new FieldError("proof.ipAddress", "is not an IPv4 or IPv6 address"));
        }
        if (proof.capturedAt() != null && proof.capturedAt().isAfter(now.plus(CLOCK_SKEW))) {
            errors.add(new FieldError("proof.capturedAt", "must not be in the future"));
        }
        FieldErrors.throwIfAny(errors);
        ConsentEntry entry = new ConsentEntry();
        entry.id = UUID.randomUUID();
        entry.leadId = lead.id;
        entry.purpose = request.purpose();
        entry.channel = request.channel();
        entry.status = request.status();
        entry.capturedAt = proof.capturedAt() == null ? now : proof.capturedAt().truncatedTo(ChronoUnit.MICROS);
        entry.method = proof.method();
        entry.textVersion = isBlank(proof.textVersion()) ? null : proof.textVersion().strip();
        entry.source = proof.source().strip();
        entry.address = address;
        entry.ipAddress = ip;
        entry.recordedAt = now;
        entry.recordedBy = recordedBy;
        return entry;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
