package io.leadstream.distribution.rules;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.distribution.reps.Rep;
import io.leadstream.distribution.routing.AssignmentRule;
import io.leadstream.distribution.routing.RuleBook;
import io.leadstream.distribution.routing.RuleBookValidator;
import io.leadstream.distribution.routing.Target;
import io.leadstream.distribution.teams.Team;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The assignment rules as versioned configuration: read the book in force or any version, store a new version
 * (validated as a whole, its named reps and teams checked to exist; in force at once for every lead routed after).
 */
@ApplicationScoped
public class RuleBooks {

    private final RuleBookRepository books;
    private final Clock clock;

    public RuleBooks(RuleBookRepository books, Clock clock) {
        this.books = books;
        this.clock = clock;
    }

    /** The book in force, in the caller's session (the assignment consumer's transaction). */
    public Uni<VersionedRuleBook> inForce() {
        return books.current();
    }

    /** One version (null when there is none), in the caller's session. */
    public Uni<VersionedRuleBook> version(int version) {
        return books.version(version);
    }

    /** The book in force, or one version of it (404 when there is no such version). */
    @WithSession
    public Uni<VersionedRuleBook> find(Integer version) {
        if (version == null) {
            return books.current();
        }
        return books.version(version).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("assignment rules version", version));
    }

    @WithSession
    public Uni<List<VersionedRuleBook>> versions() {
        return books.all();
    }

    @WithTransaction
    public Uni<VersionedRuleBook> store(RuleBook book, String by) {
        List<FieldError> errors = RuleBookValidator.validate(book);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(invalid(errors));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return checkNamedRepsExist(book).chain(() -> books.store(book, by, now))
                .onFailure(RuleBooks::isDuplicateVersion).transform(e -> ProblemException.conflict(
                        "assignment-rules-changed", "another admin stored a new version at the same moment; "
                                + "read the rules in force and try again"));
    }

    /** Throws the 400 problem for {@code errors} (each names its field, and its rule in the message). */
    public static ProblemException invalid(List<FieldError> errors) {
        return ProblemException.badRequest("invalid-assignment-rules", "the assignment rules are not valid", errors);
    }

    /** Every REP target and every weighted rep must be a registered rep, every TEAM target an existing team. */
    Uni<Void> checkNamedRepsExist(RuleBook book) {
        Map<String, String> named = new LinkedHashMap<>(); // rep id -> the first field naming it
        Map<String, String> teams = new LinkedHashMap<>(); // team id -> the first field naming it
        List<AssignmentRule> all = new ArrayList<>(book.rules());
        all.add(book.fallback());
        for (int i = 0; i < all.size(); i++) {
            AssignmentRule rule = all.get(i);
            String path = i < book.rules().size() ? "rules[" + i + "]" : "fallback";
            if (rule.target().type() == Target.Type.REP) {
                named.putIfAbsent(rule.target().id(), path + ".target.id");
            }
            if (rule.target().type() == Target.Type.TEAM) {
                teams.putIfAbsent(rule.target().id(), path + ".target.id");
            }
            for (String rep : rule.weights().keySet()) {
                named.putIfAbsent(rep, path + ".weights." + rep);
            }
        }
        Uni<Set<String>> knownReps = named.isEmpty() ? Uni.createFrom().item(Set.of())
                : Rep.profiles(named.keySet())
                        .map(found -> found.stream().map(r -> r.repId()).collect(Collectors.toSet()));
        Uni<Set<String>> knownTeams = teams.isEmpty() ? Uni.createFrom().item(Set.of())
                : Team.existing(teams.keySet());
        return knownReps.chain(reps -> knownTeams.chain(knownTeamIds -> {
            List<FieldError> errors = new ArrayList<>();
            named.entrySet().stream().filter(e -> !reps.contains(e.getKey())).forEach(e -> errors.add(
                    new FieldError(e.getValue(), "no rep '" + e.getKey() + "' is registered")));
            teams.entrySet().stream().filter(e -> !knownTeamIds.contains(e.getKey())).forEach(e -> errors.add(
                    new FieldError(e.getValue(), "no team '" + e.getKey() + "' exists")));
            return errors.isEmpty() ? Uni.createFrom().voidItem() : Uni.createFrom().failure(invalid(errors));
        }));
    }

    private static boolean isDuplicateVersion(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("assignment_rules_pkey")) {
                return true;
            }
        }
        return false;
    }
}
