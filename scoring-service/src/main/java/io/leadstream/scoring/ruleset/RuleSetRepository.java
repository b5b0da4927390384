package io.leadstream.scoring.ruleset;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.scoring.engine.RuleSet;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** The stored rule-set versions; the newest is in force, the built-in default until an admin stores one. */
@ApplicationScoped
public class RuleSetRepository implements PanacheRepositoryBase<StoredRuleSet, Integer> {

    public Uni<VersionedRules> current() {
        return find("order by version desc").firstResult().map(RuleSetRepository::versioned);
    }

    /** A version, or null when there is no such version. */
    public Uni<VersionedRules> version(int version) {
        if (version == 1) {
            return Uni.createFrom().item(VersionedRules.builtIn());
        }
        return findById(version).map(s -> s == null ? null : versioned(s));
    }

    /** Every version, newest first, the built-in default last. */
    public Uni<List<VersionedRules>> all() {
        return listAll(Sort.by("version").descending()).map(stored -> Stream.concat(
                stored.stream().map(RuleSetRepository::versioned), Stream.of(VersionedRules.builtIn())).toList());
    }

    /** Stores the rules as the next version (the primary key makes concurrent stores of one version fail). */
    public Uni<VersionedRules> store(RuleSet rules, String by, Instant at) {
        return current().chain(now -> {
            StoredRuleSet s = new StoredRuleSet();
            s.version = now.version() + 1;
            s.rules = rules;
            s.createdBy = by;
            s.createdAt = at;
            return persist(s).map(RuleSetRepository::versioned);
        });
    }

    private static VersionedRules versioned(StoredRuleSet s) {
        return s == null ? VersionedRules.builtIn() : new VersionedRules(s.version, s.rules, s.createdBy, s.createdAt);
    }
}
