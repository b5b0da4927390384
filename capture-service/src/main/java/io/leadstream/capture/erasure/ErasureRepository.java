package io.leadstream.capture.erasure;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.leadstream.capture.model.Lead;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The SQL of erasure, in the erasure's transaction: every table that holds a lead's personal data apart from the
 * lead row itself (which the entity clears). A new table with personal data gets its statement here
 * (ErasureTest reads every table after an erasure and fails until it does).
 */
@ApplicationScoped
public class ErasureRepository {

    static final String MERGE_GROUP = """
            with recursive up(id, merged_into) as (
                select id, merged_into from lead where id = :id
                union select l.id, l.merged_into from lead l join up on l.id = up.merged_into),
            down(id) as (
                select id from up where merged_into is null
                union select l.id from lead l join down on l.merged_into = down.id)
            select cast(id as text) from down""";
    /** What is deleted outright for a lead (each statement takes the lead id as {@code :id}). */
    static final List<String> DELETE = List.of(
            "delete from lead_merge where lead_id = :id or merged_lead_id = :id",
            "delete from lead_duplicate where lead_id = :id or suspected_lead_id = :id",
            "delete from idempotency_key where lead_id = :id",
            "delete from partner_submission where lead_id = :id",
            "delete from inbound_contact where lead_id = :id",
            "delete from form_confirmation where lead_id = :id");
    static final String PROOF_ADDRESSES = "select distinct address from consent_entry where lead_id = :id "
            + "and address is not null and address not like 'hmac-sha256:%'";
    /** The consent ledger's erasure hook (V3__consent.sql): only address and ip_address may then change. */
    static final String ERASURE_HOOK = "set local leadstream.consent_erasure = 'on'";
    static final String PSEUDONYMISE = "update consent_entry set address = :pseudonym where lead_id = :id and address = :address";
    static final String FORGET_IP = "update consent_entry set ip_address = null where lead_id = :id and ip_address is not null";

    /** The ids of the lead's merge group (the survivor at its top and every lead merged into it), sorted. */
    public Uni<List<UUID>> mergeGroup(UUID id) {
        return Panache.getSession().chain(session -> session.createNativeQuery(MERGE_GROUP, String.class)
                .setParameter("id", id).getResultList())
                .map(ids -> ids.stream().map(UUID::fromString).sorted().toList());
    }

    public Uni<List<Lead>> leads(List<UUID> ids) {
        return Lead.<Lead>list("id in ?1", ids);
    }

    /** The leads, row-locked, in id order. */
    public Uni<List<Lead>> locked(List<UUID> ids) {
        return Lead.<Lead>find("id in ?1 order by id", ids).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** Deletes the lead's rows in every table that is only about it ({@link #DELETE}). */
    public Uni<Void> deleteRowsOf(UUID id) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String sql : DELETE) {
            chain = chain.chain(() -> execute(sql, id)).replaceWithVoid();
        }
        return chain;
    }

    /** The lead's consent proof addresses that are not pseudonyms yet. */
    public Uni<List<String>> proofAddresses(UUID id) {
        return Panache.getSession().chain(session -> session.createNativeQuery(PROOF_ADDRESSES, String.class)
                .setParameter("id", id).getResultList());
    }

    /** Replaces each address by its pseudonym and removes the IP addresses, through the ledger's erasure hook. */
    public Uni<Void> pseudonymiseProofs(UUID id, Map<String, String> pseudonyms) {
        return Panache.getSession().chain(session -> {
            Uni<Void> chain = session.createNativeQuery(ERASURE_HOOK).executeUpdate().replaceWithVoid();
            for (var entry : pseudonyms.entrySet()) {
                chain = chain.chain(() -> session.createNativeQuery(PSEUDONYMISE).setParameter("pseudonym", entry.getValue())
                        .setParameter("id", id).setParameter("address", entry.getKey()).executeUpdate()).replaceWithVoid();
            }
            return chain.chain(() -> session.createNativeQuery(FORGET_IP).setParameter("id", id).executeUpdate())
                    .replaceWithVoid();
        });
    }

    private static Uni<Integer> execute(String sql, UUID id) {
        return Panache.getSession().chain(session -> session.createNativeQuery(sql).setParameter("id", id)
                .executeUpdate());
    }
}
