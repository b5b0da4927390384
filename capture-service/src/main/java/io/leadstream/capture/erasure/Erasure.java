package io.leadstream.capture.erasure;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.leadstream.capture.dedup.DuplicateMatching;
import io.leadstream.capture.erasure.rest.ErasureView;
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
    private final DuplicateMatching deduplication;
    private final byte[] pseudonymKey;

    public Erasure(Outbox outbox, DuplicateMatching deduplication,
            @ConfigProperty(name = "leadstream.capture.erasure.pseudonym-key") String pseudonymKey) {
        this.outbox = outbox;
        this.deduplication = deduplication;
        this.pseudonymKey = pseudonymKey.getBytes(StandardCharsets.UTF_8);
    }

    public Uni<ErasureView> erase(UUID id, String erasedBy) {
        return Panache.withTransaction(() -> Lead.<Lead>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("lead", id))
                .chain(lead -> lead.erasedAt != null ? Uni.createFrom().item(ErasureView.of(lead))
                        : mergeGroup(id).chain(group -> eraseGroup(id, group, erasedBy))));
    }

    /**
     * The lead and every lead of its merge group: leads merged into one another stand for one person, so erasing any
     * of them erases them all (the survivor holds values filled from the others, and lead_merge their snapshots).
     */
    private static Uni<List<UUID>> mergeGroup(UUID id) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                with recursive up(id, merged_into) as (
                    select id, merged_into from lead where id = :id
                    union select l.id, l.merged_into from lead l join up on l.id = up.merged_into),
                down(id) as (
                    select id from up where merged_into is null
                    union select l.id from lead l join down on l.merged_into = down.id)
                select cast(id as text) from down""", String.class)
                .setParameter("id", id).getResultList())
                .map(ids -> ids.stream().map(UUID::fromString).sorted().toList());
    }

    private Uni<ErasureView> eraseGroup(UUID id, List<UUID> group, String erasedBy) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Lead.<Lead>list("id in ?1", group)
                .chain(leads -> {
                    Set<String> keys = new TreeSet<>();
                    leads.forEach(lead -> keys.addAll(DuplicateMatching.contactKeys(lead.email, lead.phone)));
                    return deduplication.lock(keys);
                })
                .chain(() -> Lead.<Lead>find("id in ?1 order by id", group)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).list())
                .chain(leads -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Lead lead : leads) {
                        if (lead.erasedAt == null) {
                            chain = chain.chain(() -> erase(lead, now, erasedBy));
                        }
                    }
                    return chain.replaceWith(leads);
                })
                .map(leads -> leads.stream().filter(lead -> lead.id.equals(id)).findFirst().map(ErasureView::of)
                        .orElseThrow());
    }

    private Uni<Void> erase(Lead lead, Instant now, String erasedBy) {
        UUID id = lead.id;
        return pseudonymiseConsentProofs(id)
                .chain(() -> execute("delete from lead_merge where lead_id = :id or merged_lead_id = :id", id))
                .chain(() -> execute("delete from lead_duplicate where lead_id = :id or suspected_lead_id = :id", id))
                .chain(() -> execute("delete from idempotency_key where lead_id = :id", id))
                .chain(() -> execute("delete from partner_submission where lead_id = :id", id))
                .chain(() -> execute("delete from inbound_contact where lead_id = :id", id))
                .chain(() -> execute("delete from form_confirmation where lead_id = :id", id))
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

    private Uni<Void> pseudonymiseConsentProofs(UUID id) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select distinct address from consent_entry where lead_id = :id and address is not null"
                        + " and address not like 'hmac-sha256:%'", String.class)
                .setParameter("id", id).getResultList()
                .chain(addresses -> {
                    Uni<Void> chain = session.createNativeQuery("set local leadstream.consent_erasure = 'on'")
                            .executeUpdate().replaceWithVoid();
                    for (String address : addresses) {
                        chain = chain.chain(() -> session.createNativeQuery("update consent_entry set address = "
                                + ":pseudonym where lead_id = :id and address = :address")
                                .setParameter("pseudonym", pseudonym(address)).setParameter("id", id)
                                .setParameter("address", address).executeUpdate()).replaceWithVoid();
                    }
                    return chain.chain(() -> session.createNativeQuery("update consent_entry set ip_address = null "
                            + "where lead_id = :id and ip_address is not null").setParameter("id", id)
                            .executeUpdate()).replaceWithVoid();
                }));
    }

    private static Uni<Integer> execute(String sql, UUID id) {
        return Panache.getSession().chain(session -> session.createNativeQuery(sql).setParameter("id", id)
                .executeUpdate());
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
