package io.leadstream.distribution.rules;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.distribution.routing.RuleBook;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** The stored rule-book versions; the newest is in force, the built-in default until an admin stores one. */
@ApplicationScoped
public class RuleBookRepository implements PanacheRepositoryBase<StoredRuleBook, Integer> {

    public Uni<VersionedRuleBook> current() {
        return find("order by version desc").firstResult().map(RuleBookRepository::versioned);
    }

    /** A version, or null when there is no such version. */
    public Uni<VersionedRuleBook> version(int version) {
        if (version == 1) {
            return Uni.createFrom().item(VersionedRuleBook.builtIn());
        }
        return findById(version).map(s -> s == null ? null : versioned(s));
    }

    /** Every version, newest first, the built-in default last. */
    public Uni<List<VersionedRuleBook>> all() {
        return listAll(Sort.by("version").descending()).map(stored -> Stream.concat(
                stored.stream().map(RuleBookRepository::versioned), Stream.of(VersionedRuleBook.builtIn())).toList());
    }

    /** Stores the book as the next version (the primary key makes two concurrent stores of one version fail). */
    public Uni<VersionedRuleBook> store(RuleBook book, String by, Instant at) {
        return current().chain(now -> {
            StoredRuleBook s = new StoredRuleBook();
            s.version = now.version() + 1;
            s.rules = book;
            s.createdBy = by;
            s.createdAt = at;
            return persist(s).map(RuleBookRepository::versioned);
        });
    }

    private static VersionedRuleBook versioned(StoredRuleBook s) {
        return s == null ? VersionedRuleBook.builtIn() : new VersionedRuleBook(s.version, s.rules, s.createdBy, s.createdAt);
    }
}
