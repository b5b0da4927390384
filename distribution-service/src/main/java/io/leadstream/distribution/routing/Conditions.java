package io.leadstream.distribution.routing;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a rule applies. Every condition set must hold (AND); within one condition any listed value matches (OR); an
 * empty or null condition matches every lead. Values compare as given, except {@code countries}, which may name
 * regions ({@link Territories}). A lead without the value a condition asks about does not match it.
 */
public record Conditions(Set<String> products, Set<String> segments, Set<String> countries, Set<String> sources,
        Set<String> channels, Set<String> campaigns, Set<String> partners, Integer minScore, Integer maxScore,
        Set<String> grades, Boolean qualified, Set<String> languages, Set<String> owners) {

    public static final Conditions ANY = new Conditions(null, null, null, null, null, null, null, null, null, null,
            null, null, null);

    public Conditions {
        products = copy(products);
        segments = copy(segments);
        countries = copy(countries);
        sources = copy(sources);
        channels = copy(channels);
        campaigns = copy(campaigns);
        partners = copy(partners);
        grades = copy(grades);
        languages = copy(languages);
        owners = copy(owners);
    }

    /** Why the lead does not match, in words a person can read; empty when it matches. */
    public Optional<String> mismatch(LeadFacts lead) {
        if (!products.isEmpty() && lead.products().stream().noneMatch(products::contains)) {
            return Optional.of("product " + said(lead.products()) + " is not " + anyOf(products));
        }
        Optional<String> m = oneOf("segment", segments, lead.segment());
        if (m.isEmpty() && !countries.isEmpty()
                && (lead.country() == null || !Territories.covers(countries, lead.country()))) {
            m = Optional.of("country " + said(lead.country()) + " is not in " + anyOf(countries));
        }
        m = m.or(() -> oneOf("source", sources, lead.source()))
                .or(() -> oneOf("channel", channels, lead.channel()))
                .or(() -> oneOf("campaign", campaigns, lead.campaign()))
                .or(() -> oneOf("partner", partners, lead.partnerId()));
        if (m.isPresent()) {
            return m;
        }
        if (minScore != null && (lead.score() == null || lead.score() < minScore)) {
            return Optional.of("score " + said(lead.score()) + " is below " + minScore);
        }
        if (maxScore != null && (lead.score() == null || lead.score() > maxScore)) {
            return Optional.of("score " + said(lead.score()) + " is above " + maxScore);
        }
        m = oneOf("grade", grades, lead.grade());
        if (m.isEmpty() && qualified != null && qualified != lead.qualified()) {
            m = Optional.of(qualified ? "the lead is not qualified" : "the lead is qualified");
        }
        return m.or(() -> oneOf("language", languages, lead.language()))
                .or(() -> oneOf("owner", owners, lead.capturedBy()));
    }

    public boolean matches(LeadFacts lead) {
        return mismatch(lead).isEmpty();
    }

    private static Optional<String> oneOf(String what, Set<String> allowed, String value) {
        if (allowed.isEmpty() || (value != null && allowed.contains(value))) {
            return Optional.empty();
        }
        return Optional.of(what + " " + said(value) + " is not " + anyOf(allowed));
    }

    private static String said(Object value) {
        if (value == null || (value instanceof Collection<?> c && c.isEmpty())) {
            return "(none)";
        }
        if (value instanceof Collection<?> c) {
            return String.join(", ", new TreeSet<>(c.stream().map(String::valueOf).toList()));
        }
        return String.valueOf(value);
    }

    private static String anyOf(Set<String> values) {
        return values.size() == 1 ? values.iterator().next() : "any of " + String.join(", ", new TreeSet<>(values));
    }

    private static Set<String> copy(Set<String> values) {
        return values == null ? Set.of() : Set.copyOf(values.stream().filter(Objects::nonNull).toList());
    }
}
