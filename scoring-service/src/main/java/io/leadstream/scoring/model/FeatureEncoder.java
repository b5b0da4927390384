package io.leadstream.scoring.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a lead's attributes into the numbers the model multiplies by its weights. Fitted once on the training
 * examples; then it is a value (vocabulary, means and scales) that is stored with the model and encodes every later
 * lead the same way.
 *
 * <p>
 * By the type of an attribute's values:
 * <ul>
 * <li>{@code String}: categorical, one column per value seen in at least {@code minCount} examples, named
 * {@code country=DE}; a rarer or unseen value sets no column.</li>
 * <li>{@code Collection<String>}: multi-hot, one column per value found in at least {@code minCount} examples,
 * named {@code products∋heat-pumps}.</li>
 * <li>{@code Boolean}: one 0/1 column named after the attribute ({@code emailValid}).</li>
 * <li>{@code Number}: one column named after the attribute ({@code dealSize}) holding {@code log1p(max(0, x))}
 * standardised by the training mean and standard deviation of that value.</li>
 * <li>null or absent (and a non-finite number): every column of the attribute is 0, which for a number is its
 * training mean.</li>
 * </ul>
 * Columns are ordered by name. An attribute must keep one type in every example; attributes the encoder has no column
 * for are ignored when encoding.
 */
public record FeatureEncoder(int minCount, List<Column> columns) {

    public static final int DEFAULT_MIN_COUNT = 3;

    /** What kind of value a column encodes. */
    public enum Kind {
        FLAG, CATEGORY, SET, NUMBER
    }

    /**
     * One column. {@code value} is the category or set member (null for FLAG and NUMBER); {@code mean} and
     * {@code scale} standardise a NUMBER (0 and 1 for the other kinds).
     */
    public record Column(String attribute, Kind kind, String value, double mean, double scale) {

        public Column {
            if (attribute == null || kind == null) {
                throw new IllegalArgumentException("a column needs its attribute and kind");
            }
            if ((kind == Kind.CATEGORY || kind == Kind.SET) != (value != null)) {
                throw new IllegalArgumentException("column " + attribute + ": a " + kind + " column "
                        + (value == null ? "needs" : "has no") + " value");
            }
            if (!Double.isFinite(mean) || !Double.isFinite(scale) || scale <= 0) {
                throw new IllegalArgumentException("column " + attribute + ": mean must be finite and scale positive");
            }
        }

        static Column flag(String attribute) {
            return new Column(attribute, Kind.FLAG, null, 0, 1);
        }

        static Column category(String attribute, String value) {
            return new Column(attribute, Kind.CATEGORY, value, 0, 1);
        }

        static Column member(String attribute, String value) {
            return new Column(attribute, Kind.SET, value, 0, 1);
        }

        /** The readable feature name: {@code country=DE}, {@code products∋heat-pumps}, {@code emailValid}. */
        public String name() {
            return switch (kind) {
                case CATEGORY -> attribute + "=" + value;
                case SET -> attribute + "∋" + value;
                case FLAG, NUMBER -> attribute;
            };
        }

        /** This column's number for a raw attribute value (null when the attribute is missing). */
        double encode(Object raw) {
            if (raw == null) {
                return 0;
            }
            return switch (kind) {
                case FLAG -> Boolean.TRUE.equals(as(raw, Boolean.class)) ? 1 : 0;
                case CATEGORY -> value.equals(as(raw, String.class)) ? 1 : 0;
                case SET -> strings(attribute, as(raw, Collection.class)).contains(value) ? 1 : 0;
                case NUMBER -> {
                    double x = as(raw, Number.class).doubleValue();
                    yield Double.isFinite(x) ? (logScale(x) - mean) / scale : 0;
                }
            };
        }

        private <T> T as(Object raw, Class<T> type) {
            if (!type.isInstance(raw)) {
                throw new IllegalArgumentException("attribute " + attribute + " was a " + type.getSimpleName()
                        + " in training but is a " + raw.getClass().getSimpleName() + " here");
            }
            return type.cast(raw);
        }
    }

    public FeatureEncoder {
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be at least 1, was " + minCount);
        }
        columns = List.copyOf(columns);
        Set<String> names = new HashSet<>();
        for (Column column : columns) {
            if (!names.add(column.name())) {
                throw new IllegalArgumentException("two columns are both named " + column.name());
            }
        }
    }

    /** Fits with {@link #DEFAULT_MIN_COUNT}. */
    public static FeatureEncoder fit(Collection<? extends Map<String, ?>> examples) {
        return fit(examples, DEFAULT_MIN_COUNT);
    }

    /** Learns the columns from the training examples' attributes. */
    public static FeatureEncoder fit(Collection<? extends Map<String, ?>> examples, int minCount) {
        Map<String, Kind> kinds = new TreeMap<>();
        Map<String, Map<String, Integer>> valueCounts = new HashMap<>();
        Map<String, List<Double>> numbers = new HashMap<>();
        for (Map<String, ?> example : examples) {
            for (Map.Entry<String, ?> entry : example.entrySet()) {
                String attribute = entry.getKey();
                Object raw = entry.getValue();
                if (raw == null) {
                    continue;
                }
                Kind kind = kindOf(attribute, raw);
                Kind before = kinds.putIfAbsent(attribute, kind);
                if (before != null && before != kind) {
                    throw new IllegalArgumentException("attribute " + attribute + " is a " + before + " in one example "
                            + "and a " + kind + " in another");
                }
                switch (kind) {
                    case CATEGORY -> valueCounts.computeIfAbsent(attribute, a -> new HashMap<>())
                            .merge((String) raw, 1, Integer::sum);
                    case SET -> strings(attribute, (Collection<?>) raw).forEach(
                            v -> valueCounts.computeIfAbsent(attribute, a -> new HashMap<>()).merge(v, 1, Integer::sum));
                    case NUMBER -> {
                        double x = ((Number) raw).doubleValue();
                        if (Double.isFinite(x)) {
                            numbers.computeIfAbsent(attribute, a -> new ArrayList<>()).add(logScale(x));
                        }
                    }
                    case FLAG -> {
                    }
                }
            }
        }
        List<Column> columns = new ArrayList<>();
        kinds.forEach((attribute, kind) -> {
            switch (kind) {
                case FLAG -> columns.add(Column.flag(attribute));
                case NUMBER -> {
                    List<Double> values = numbers.get(attribute);
                    if (values != null) {
                        columns.add(standardised(attribute, values));
                    }
                }
                case CATEGORY, SET -> valueCounts.getOrDefault(attribute, Map.of()).forEach((value, count) -> {
                    if (count >= minCount) {
                        columns.add(kind == Kind.CATEGORY ? Column.category(attribute, value)
                                : Column.member(attribute, value));
                    }
                });
            }
        });
        columns.sort(Comparator.comparing(Column::name));
        return new FeatureEncoder(minCount, columns);
    }

    /** How many columns (features) there are. */
    public int size() {
        return columns.size();
    }

    /** The columns' names, in column order. */
    public List<String> featureNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** The lead's features, one number per column, in column order. */
    public double[] encode(Map<String, ?> attributes) {
        double[] x = new double[columns.size()];
        for (int j = 0; j < x.length; j++) {
            Column column = columns.get(j);
            x[j] = column.encode(attributes.get(column.attribute()));
        }
        return x;
    }

    static double logScale(double x) {
        return Math.log1p(Math.max(0, x));
    }

    private static Column standardised(String attribute, List<Double> values) {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double variance = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).average().orElse(0);
        double sd = Math.sqrt(variance);
        // a constant number carries no information: scale 1 keeps its column at 0 rather than dividing by zero
        return new Column(attribute, Kind.NUMBER, null, mean, sd > 1e-12 ? sd : 1);
    }

    static Kind kindOf(String attribute, Object raw) {
        if (raw instanceof Boolean) {
            return Kind.FLAG;
        }
        if (raw instanceof Number) {
            return Kind.NUMBER;
        }
        if (raw instanceof String) {
            return Kind.CATEGORY;
        }
        if (raw instanceof Collection<?>) {
            return Kind.SET;
        }
        throw new IllegalArgumentException("attribute " + attribute + " is a " + raw.getClass().getSimpleName()
                + "; the model takes a String, Boolean, Number or Collection<String>");
    }

    /** The distinct non-null members of a multi-valued attribute, which must be strings. */
    private static Set<String> strings(String attribute, Collection<?> values) {
        Set<String> members = new LinkedHashSet<>();
        for (Object value : values) {
            if (value instanceof String s) {
                members.add(s);
            } else if (value != null) {
                throw new IllegalArgumentException("attribute " + attribute + " holds a "
                        + value.getClass().getSimpleName() + "; a multi-valued attribute holds strings");
            }
        }
        return members;
    }
}
