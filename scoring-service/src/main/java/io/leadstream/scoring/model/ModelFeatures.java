package io.leadstream.scoring.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.leadstream.scoring.engine.JobSeniority;
import io.leadstream.scoring.engine.LeadAttributes;

/**
 * What the predictive model sees of a lead: its profile's attributes as the {@code Map<String, Object>} the model
 * trains and predicts on. Only what is known when a lead arrives: no engagement and no pipeline stage, which would
 * leak the outcome (a won lead went through every stage, so the model would learn "reached NEGOTIATION" rather than
 * what makes a lead worth winning). No personal data: capture never sends it to scoring.
 *
 * <ul>
 * <li>categories ({@code String}): {@code source}, {@code country}, {@code language}, {@code segment},
 * {@code jobSeniority} (from the title, {@link JobSeniority#of}), {@code emailDomainKind}, {@code phoneType},
 * {@code dealCurrency}; absent when unknown or blank</li>
 * <li>sets: {@code products}, {@code tags}</li>
 * <li>a number: {@code dealSize}, the amount, only for a deal in EUR (amounts in other currencies are not comparable
 * without a rate; such a deal still tells its {@code dealCurrency})</li>
 * <li>flags: {@code hasCampaign}, {@code hasCompany}, {@code emailValid}, {@code phoneValid} always;
 * {@code nameLooksReal}, {@code addressComplete}, {@code postcodeValid} only when capture derived them</li>
 * <li>custom qualifiers as {@code custom.<key>}: strings, numbers and booleans as they are, a list of strings as a
 * set; other values (objects, mixed lists) are left out</li>
 * </ul>
 */
public final class ModelFeatures {

    public static final String DEAL_CURRENCY = "EUR";
    public static final String CUSTOM = "custom.";

    private ModelFeatures() {
    }

    /** The lead's features; an empty map without attributes. */
    public static Map<String, Object> of(LeadAttributes lead) {
        Map<String, Object> features = new LinkedHashMap<>();
        if (lead == null) {
            return features;
        }
        category(features, "source", lead.source());
        category(features, "country", lead.country());
        category(features, "language", lead.language());
        category(features, "segment", lead.segment());
        features.put("hasCampaign", present(lead.campaign()));
        features.put("products", members(lead.products()));
        features.put("tags", members(lead.tags()));
        if (lead.dealSize() != null && lead.dealSize().amount() != null) {
            String currency = lead.dealSize().currency();
            category(features, "dealCurrency", currency == null ? null : currency.toUpperCase(Locale.ROOT));
            if (DEAL_CURRENCY.equalsIgnoreCase(currency)) {
                features.put("dealSize", lead.dealSize().amount().doubleValue());
            }
        }
        JobSeniority seniority = JobSeniority.of(lead.jobTitle());
        category(features, "jobSeniority", seniority == null ? null : seniority.name());
        LeadAttributes.Quality quality = lead.quality();
        features.put("hasCompany", quality.hasCompany() || present(lead.company()));
        features.put("emailValid", quality.emailValid());
        category(features, "emailDomainKind", quality.emailDomainKind());
        features.put("phoneValid", quality.phoneValid());
        category(features, "phoneType", quality.phoneType());
        flag(features, "nameLooksReal", quality.nameLooksReal());
        flag(features, "addressComplete", quality.addressComplete());
        flag(features, "postcodeValid", quality.postcodeValid());
        lead.customQualifiers().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(custom -> custom(features, CUSTOM + custom.getKey(), custom.getValue()));
        return features;
    }

    /**
     * The features a stored model can read: a value whose type differs from the one the model learned for its
     * attribute (a custom qualifier redefined from text to number, say) is left out, so it counts as missing instead of
     * failing the lead's score. Attributes the model has no column for are left out too.
     */
    public static Map<String, Object> forModel(Map<String, Object> features, FeatureEncoder encoder) {
        Map<String, FeatureEncoder.Kind> kinds = new HashMap<>();
        encoder.columns().forEach(column -> kinds.put(column.attribute(), column.kind()));
        Map<String, Object> readable = new HashMap<>();
        features.forEach((attribute, value) -> {
            FeatureEncoder.Kind kind = kinds.get(attribute);
            if (kind != null && value != null && FeatureEncoder.kindOf(attribute, value) == kind) {
                readable.put(attribute, value);
            }
        });
        return readable;
    }

    /**
     * The training examples with every attribute left out that does not keep one type across them (a custom
     * qualifier that is a number on some leads and text on others): the encoder needs one type per attribute.
     */
    public static List<Map<String, Object>> withConsistentTypes(List<Map<String, Object>> examples) {
        Map<String, FeatureEncoder.Kind> kinds = new HashMap<>();
        Set<String> mixed = new TreeSet<>();
        for (Map<String, Object> example : examples) {
            example.forEach((attribute, value) -> {
                if (value != null) {
                    FeatureEncoder.Kind kind = FeatureEncoder.kindOf(attribute, value);
                    FeatureEncoder.Kind before = kinds.putIfAbsent(attribute, kind);
                    if (before != null && before != kind) {
                        mixed.add(attribute);
                    }
                }
            });
        }
        if (mixed.isEmpty()) {
            return examples;
        }
        List<Map<String, Object>> consistent = new ArrayList<>(examples.size());
        for (Map<String, Object> example : examples) {
            Map<String, Object> copy = new HashMap<>(example);
            copy.keySet().removeAll(mixed);
            consistent.add(copy);
        }
        return consistent;
    }

    private static void category(Map<String, Object> features, String name, String value) {
        if (present(value)) {
            features.put(name, value.trim());
        }
    }

    private static void flag(Map<String, Object> features, String name, Boolean value) {
        if (value != null) {
            features.put(name, value);
        }
    }

    private static void custom(Map<String, Object> features, String name, Object value) {
        if (value instanceof String s) {
            category(features, name, s);
        } else if (value instanceof Number || value instanceof Boolean) {
            features.put(name, value);
        } else if (value instanceof Collection<?> values && values.stream().allMatch(v -> v instanceof String)) {
            features.put(name, members(values.stream().map(String.class::cast).toList()));
        }
    }

    private static Set<String> members(Collection<String> values) {
        Set<String> members = new TreeSet<>();
        for (String value : values) {
            if (present(value)) {
                members.add(value.trim());
            }
        }
        return members;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
