package io.leadstream.distribution.assignments;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.distribution.leads.KnownLead;
import io.leadstream.distribution.reps.Rep;
import io.leadstream.distribution.routing.Decision;
import io.leadstream.distribution.routing.Router;
import io.leadstream.distribution.routing.RuleBook;
import io.leadstream.distribution.routing.RuleBookValidator;
import io.leadstream.distribution.rules.RuleBooks;
import io.leadstream.distribution.rules.VersionedRuleBook;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Where a sample of stored leads would go under the rules in force or a draft, and why — with the reps' loads and
 * rotations as they stand now — without assigning, storing or announcing anything.
 */
@ApplicationScoped
public class RuleSimulation {

    public static final int MAX_SAMPLE = 500;

    private final RuleBooks rules;
    private final AssignmentRepository repository;
    private final Clock clock;

    public RuleSimulation(RuleBooks rules, AssignmentRepository repository, Clock clock) {
        this.rules = rules;
        this.repository = repository;
        this.clock = clock;
    }

    /** One lead of the sample: where it is now (null: not assigned) and where the rules would send it. */
    public record Outcome(UUID leadId, String currentRepId, Decision decision) {
    }

    /** The outcomes, the rule-book version simulated (null: the draft sent), and the lead ids asked for but unknown. */
    public record Result(Integer ruleVersion, List<Outcome> outcomes, List<UUID> unknown) {
    }

    /**
     * @param draft the rules to try (validated like a PUT); null: the rules in force
     * @param leadIds the leads to route; empty: the {@code sample} most recently scored leads
     */
    @WithSession
    public Uni<Result> simulate(RuleBook draft, List<UUID> leadIds, int sample) {
        if (draft != null) {
            List<FieldError> errors = RuleBookValidator.validate(draft);
            if (!errors.isEmpty()) {
                return Uni.createFrom().failure(RuleBooks.invalid(errors.stream()
                        .map(e -> new FieldError("rules." + e.field(), e.message())).toList()));
            }
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Uni<VersionedRuleBook> book = draft == null ? rules.inForce()
                : Uni.createFrom().item(new VersionedRuleBook(0, draft, null, now));
        Uni<List<KnownLead>> leads = leadIds.isEmpty()
                ? KnownLead.recentlyScored(sample)
                : KnownLead.of(leadIds).map(found -> inOrder(found, leadIds));
        return book.chain(b -> leads.chain(sampled -> Rep.allProfiles().chain(reps -> repository.loads(reps, now)
                .chain(loads -> repository.rotations()
                        .chain(last -> current(sampled).map(owners -> {
                            List<Decision> decisions = Router.simulate(b.book(),
                                    sampled.stream().map(KnownLead::facts).toList(), reps, loads, last, now);
                            List<Outcome> outcomes = new java.util.ArrayList<>();
                            for (int i = 0; i < sampled.size(); i++) {
                                UUID id = sampled.get(i).leadId;
                                outcomes.add(new Outcome(id, owners.get(id), decisions.get(i)));
                            }
                            List<UUID> unknown = leadIds.stream().distinct()
                                    .filter(id -> sampled.stream().noneMatch(l -> l.leadId.equals(id))).toList();
                            return new Result(draft == null ? b.version() : null, outcomes, unknown);
                        }))))));
    }

    private static Uni<Map<UUID, String>> current(List<KnownLead> leads) {
        List<UUID> ids = leads.stream().map(l -> l.leadId).toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Assignment.heldOf(ids)
                .map(found -> found.stream().collect(Collectors.toMap(a -> a.leadId, a -> a.repId)));
    }

    private static List<KnownLead> inOrder(List<KnownLead> found, List<UUID> ids) {
        Map<UUID, KnownLead> byId = found.stream().collect(Collectors.toMap(l -> l.leadId, Function.identity()));
        return ids.stream().distinct().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }
}
