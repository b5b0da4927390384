package io.leadstream.capture.dedup;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.capture.model.Lead;
import io.leadstream.capture.model.NormalisedContact;
import io.smallrye.mutiny.Uni;

/**
 * De-duplication's matching: the locks that serialise submissions of one person, the exact match on the same
 * normalised email or the same E.164 phone, how a pair matched, and the suspects a new lead is flagged with (exactly
 * under the flag policy; fuzzily, a similar name at the same company, unless the source's policy is create).
 * <p>
 * Everything runs in the caller's transaction; {@link #lock} must come first so that two submissions of one person
 * never both see "no match" (the second waits for the first to commit).
 */
@ApplicationScoped
public class DuplicateMatching {

    private final MatchRepository matches;
    private final DedupConfig config;

    public DuplicateMatching(MatchRepository matches, DedupConfig config) {
        this.matches = matches;
        this.config = config;
    }

    /**
     * Takes a transaction-scoped advisory lock per normalised email and phone of the submission, in sorted order
     * (two submissions sharing both never wait for each other crosswise).
     */
    public Uni<Void> lock(NormalisedContact contact) {
        return lock(contactKeys(contact.email(), contact.phone()));
    }

    /** The advisory lock keys {@link #lock(NormalisedContact)} takes for this email and phone. */
    public static Set<String> contactKeys(String email, String phone) {
        Set<String> keys = new TreeSet<>();
        if (email != null) {
            keys.add("lead.email:" + email);
        }
        if (phone != null) {
            keys.add("lead.phone:" + phone);
        }
        return keys;
    }

    /** Transaction-scoped advisory locks on {@code keys}, taken in their sorted order (no deadlock between callers). */
    public Uni<Void> lock(Set<String> keys) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String key : new TreeSet<>(keys)) {
            chain = chain.chain(() -> matches.lock(key));
        }
        return chain;
    }

    /**
     * Leads the submission's email or phone belongs to, oldest first (the first one is the survivor). A lead that
     * was merged into another stands for its survivor: the survivor is returned in its place.
     */
    public Uni<List<Lead>> matches(NormalisedContact contact) {
        return matches.sharing(contact.email(), contact.phone());
    }

    /**
     * How the submission matches {@code survivor}: by the survivor's own email and phone, else through a lead merged
     * into it.
     */
    public Uni<MatchedOn> matchedOn(Lead survivor, NormalisedContact contact) {
        MatchedOn direct = MatchedOn.of(survivor.email, survivor.phone, contact.email(), contact.phone());
        if (direct != null) {
            return Uni.createFrom().item(direct);
        }
        return matches.mergedInto(survivor.id).map(merged -> {
            boolean email = merged.stream().anyMatch(m -> contact.email() != null && contact.email().equals(m.email));
            boolean phone = merged.stream().anyMatch(m -> contact.phone() != null && contact.phone().equals(m.phone));
            return email && phone ? MatchedOn.EMAIL_AND_PHONE : email ? MatchedOn.EMAIL : MatchedOn.PHONE;
        });
    }

    /**
     * How two leads match, as a manager merging them would want it recorded: exactly (email, phone), else by a
     * similar name at the same company, else null.
     */
    public Uni<MatchedOn> pairMatch(Lead survivor, Lead other) {
        MatchedOn exact = MatchedOn.of(survivor.email, survivor.phone, other.email, other.phone);
        if (exact != null) {
            return Uni.createFrom().item(exact);
        }
        return matches.nameSimilarity(survivor.id, other.id)
                .map(similarity -> similarity != null && similarity >= config.fuzzy().nameSimilarity()
                        ? MatchedOn.NAME_AND_COMPANY : null);
    }

    /**
     * Records the suspected duplicates of the new lead {@code lead} (its row inserted): each of
     * {@code exact} (leads sharing its email or phone, under the flag policy) and, unless its source's policy is
     * create or fuzzy matching is off, the leads with a similar name at the same company. Answers how many pairs
     * were recorded. Costs nothing for a lead without exact matches and without a company.
     */
    public Uni<Integer> flag(Lead lead, List<Lead> exact, Instant now) {
        boolean fuzzy = config.fuzzy().enabled() && !MergePolicy.isBlank(lead.company)
                && config.policyFor(lead.source) != DedupConfig.Policy.CREATE;
        if (exact.isEmpty() && !fuzzy) {
            return Uni.createFrom().item(0);
        }
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (Lead suspect : exact) {
            MatchedOn matchedOn = MatchedOn.of(lead.email, lead.phone, suspect.email, suspect.phone);
            chain = chain.chain(count -> matches.flagExact(lead.id, suspect.id,
                    matchedOn == null ? MatchedOn.EMAIL : matchedOn, now).map(rows -> count + rows));
        }
        if (fuzzy) {
            chain = chain.chain(count -> matches.flagSimilar(lead.id, config.fuzzy().nameSimilarity(),
                    config.fuzzy().maxSuspects(), now).map(rows -> count + rows));
        }
        return chain;
    }
}
