package io.leadstream.capture.erasure;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.leadstream.capture.dedup.DuplicateMatching;
import io.leadstream.capture.model.Lead;
import io.leadstream.chassis.outbox.Outbox;
import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Erasure of a lead's personal data (GDPR art. 17), in one transaction:
 * <ol>
 * <li>the lead's merge group (leads merged into one another stand for one person) is erased as a whole;</li>
 * <li>the de-duplication locks on their emails and phones, and row locks on the leads, so no merge lands meanwhile;</li>
 * <li>the consent ledger's proof addresses replaced by a keyed pseudonym ({@code hmac-sha256:<hex>}, so a proof can
 * still be matched against an address the person gives later) and IP addresses removed, through the ledger's
 * erasure hook (every other ledger column stays);</li>
 * <li>the merge audit (submissions with their data), suspected-duplicate pairs, partner submissions, inbound
 * contacts (WhatsApp message ids, call notes), double opt-in confirmations (the email they were sent to) and
 * stored Idempotency-Key answers about the lead (whatever they show: a sales rep's answer may name no lead)
 * deleted;</li>
 * <li>every personal column of the lead (names, email, phone, job title, street address, social accounts, birth
 * date, referrer, notes) cleared, {@code erased_at} set: the row stays as a tombstone with its business attributes
 * (company, country, language, time zone, qualifiers, source, campaign, UTM);</li>
 * <li>{@code lead.erased} through the outbox.</li>
 * </ol>
 * Erasing an erased lead changes nothing and answers the first erasure again.
 */
@ApplicationScoped
public class Erasure {

    private final Outbox outbox;
    private final DuplicateMatching matching;
    private final ErasureRepository erasures;
    private final byte[] pseudonymKey;

    public Erasure(Outbox outbox, DuplicateMatching matching, ErasureRepository erasures,
            @ConfigProperty(name = "leadstream.capture.erasure.pseudonym-key") String pseudonymKey) {
        this.outbox = outbox;
        this.matching = matching;
        this.erasures = erasures;
        this.pseudonymKey = pseudonymKey.getBytes(StandardCharsets.UTF_8);
    }

    /** Erases the lead (and its merge group); answers the lead as erased, now or before. 404 for an unknown lead. */
    public Uni<Lead> erase(UUID id, String erasedBy) {
        return Panache.withTransaction(() -> Lead.<Lead>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("lead", id))
                .chain(lead -> lead.erasedAt != null ? Uni.createFrom().item(lead)
                        : erasures.mergeGroup(id).chain(group -> eraseGroup(id, group, erasedBy))));
    }

    /**
     * Erases every lead of the merge group: leads merged into one another stand for one person, so erasing any of
     * them erases them all (the survivor holds values filled from the others, and lead_merge their snapshots).
     */
    private Uni<Lead> eraseGroup(UUID id, List<UUID> group, String erasedBy) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return erasures.leads(group)
                .chain(leads -> {
                    Set<String> keys = new TreeSet<>();
                    leads.forEach(lead -> keys.addAll(DuplicateMatching.contactKeys(lead.email, lead.phone)));
                    return matching.lock(keys);
                })
                .chain(() -> erasures.locked(group))
                .chain(leads -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Lead lead : leads) {
                        if (lead.erasedAt == null) {
                            chain = chain.chain(() -> erase(lead, now, erasedBy));
                        }
                    }
                    return chain.replaceWith(leads);
                })
                .map(leads -> leads.stream().filter(lead -> lead.id.equals(id)).findFirst().orElseThrow());
    }

    private Uni<Void> erase(Lead lead, Instant now, String erasedBy) {
        UUID id = lead.id;
        return erasures.proofAddresses(id)
                .chain(addresses -> {
                    Map<String, String> pseudonyms = new LinkedHashMap<>();
                    addresses.forEach(address -> pseudonyms.put(address, pseudonym(address)));
                    return erasures.pseudonymiseProofs(id, pseudonyms);
                })
                .chain(() -> erasures.deleteRowsOf(id))
                .chain(() -> {
                    lead.firstName = null;
                    lead.lastName = null;
                    lead.email = null;
                    lead.phone = null;
                    lead.jobTitle = null;
                    lead.street = null;
                    lead.city = null;
                    lead.postalCode = null;
                    lead.region = null;
                    lead.socialAccounts = Map.of();
                    lead.birthDate = null;
                    lead.referrer = null;
                    lead.notes = null;
                    lead.erasedAt = now;
                    lead.updatedAt = now;
                    return lead.persistAndFlush();
                })
                .chain(() -> outbox.record(id, new LeadErased(id, now)))
                .invoke(() -> Log.infof("erased the personal data of lead %s (by %s)", id, erasedBy))
                .replaceWithVoid();
    }

    /** A keyed, one-way pseudonym of a proof address: the same address always gives the same pseudonym. */
    String pseudonym(String address) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pseudonymKey, "HmacSHA256"));
            return "hmac-sha256:" + HexFormat.of().formatHex(mac.doFinal(address.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
