package io.leadstream.capture.dedup;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.capture.model.Lead;
import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * The duplicates report ({@code GET /api/leads/{id}/duplicates}): the lead's suspected duplicates, computed now
 * (sharing its email or phone, a similar name at the same company) and flagged when a lead was captured, leads merged
 * away not being suspects any more; and its merge history with that of the leads merged into it.
 */
@ApplicationScoped
public class DuplicatesReport {

    private final MatchRepository matches;
    private final MergeAudit audit;
    private final DedupConfig config;

    public DuplicatesReport(MatchRepository matches, MergeAudit audit, DedupConfig config) {
        this.matches = matches;
        this.audit = audit;
        this.config = config;
    }

    /** The report; a 404 problem for an unknown lead, 410 for an erased one. */
    @WithSession
    public Uni<Duplicates> of(UUID id) {
        return Lead.findExisting(id).chain(() -> matches.contact(id)).chain(lead -> {
            if (lead == null) {
                return Uni.createFrom().failure(ProblemException.notFound("lead", id));
            }
            Map<UUID, Reasons> suspects = new LinkedHashMap<>();
            return matches.sharingNow(id, lead.email(), lead.phone())
                    .invoke(shared -> shared.forEach(other -> {
                        MatchedOn on = MatchedOn.of(lead.email(), lead.phone(), other.email(), other.phone());
                        suspects.computeIfAbsent(other.id(), k -> new Reasons())
                                .add(on, null, "shares its " + words(on) + " now");
                    }))
                    .chain(() -> matches.similarNow(id, config.fuzzy().nameSimilarity(), config.fuzzy().maxSuspects()))
                    .invoke(similar -> similar.forEach(other -> suspects.computeIfAbsent(other.id(), k -> new Reasons())
                            .add(MatchedOn.NAME_AND_COMPANY, other.similarity(), String.format(Locale.ROOT,
                                    "has a similar name (similarity %.2f) at the same company now", other.similarity()))))
                    .chain(() -> matches.flagged(id))
                    .invoke(flagged -> flagged.forEach(pair -> suspects
                            .computeIfAbsent(pair.other(), k -> new Reasons())
                            .add(pair.matchedOn(), pair.similarity(), "flagged at "
                                    + DateTimeFormatter.ISO_INSTANT.format(pair.detectedAt()) + " when "
                                    + (pair.later() ? "this" : "that") + " lead was captured with "
                                    + (pair.matchedOn() == MatchedOn.NAME_AND_COMPANY
                                            ? "a similar name at the same company" : "the same " + words(pair.matchedOn())))))
                    .chain(() -> audit.history(id))
                    .map(history -> {
                        List<Duplicates.Suspect> found = new ArrayList<>();
                        suspects.forEach((other, reasons) -> found.add(reasons.suspect(other)));
                        return new Duplicates(id, found, history);
                    });
        });
    }

    /** Reasons gathered for one other lead. */
    private static final class Reasons {
        final Set<MatchedOn> on = new TreeSet<>();
        final Set<String> details = new LinkedHashSet<>();
        Double similarity;

        void add(MatchedOn matchedOn, Double similarity, String detail) {
            on.addAll(matchedOn.reasons());
            details.add(detail);
            if (similarity != null && (this.similarity == null || similarity > this.similarity)) {
                this.similarity = similarity;
            }
        }

        Duplicates.Suspect suspect(UUID other) {
            return new Duplicates.Suspect(other, List.copyOf(on), similarity == null ? null
                    : Math.round(similarity * 1000) / 1000.0, String.join("; ", details));
        }
    }

    private static String words(MatchedOn on) {
        return switch (on) {
            case EMAIL -> "email";
            case PHONE -> "phone";
            case EMAIL_AND_PHONE -> "email and phone";
            case NAME_AND_COMPANY -> "name and company";
        };
    }
}
