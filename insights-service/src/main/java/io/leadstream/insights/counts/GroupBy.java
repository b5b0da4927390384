package io.leadstream.insights.counts;

import java.util.Locale;
import java.util.stream.Collectors;

import io.leadstream.insights.breakdowns.ScoreBand;
import io.leadstream.insights.rollups.Dimension;

/**
 * What leads are broken down by in grouped counts: the rollups' dimension that holds it, and the SQL that makes the
 * key of a counted row ({@code u.key}) the group's name. A lead with several products counts once under each.
 */
public enum GroupBy {
    SOURCE(Dimension.SOURCE),
    PRODUCT(Dimension.PRODUCT),
    SEGMENT(Dimension.SEGMENT),
    COUNTRY(Dimension.COUNTRY),
    CAMPAIGN(Dimension.CAMPAIGN),
    REP(Dimension.REP),
    /** The partner company the lead came from, else the one it was shared with. */
    PARTNER(Dimension.PARTNER),
    /** The team the lead was last routed to (an assignment rule's team:&lt;id&gt; target, an SLA breach's team). */
    TEAM(Dimension.TEAM),
    /** The band of its current score ({@code 0-19} … {@code 80-100}, as the scoring breakdown's); null: never scored. */
    SCORE_BAND(Dimension.SCORE, ScoreBand.ALL.stream()
            .map(b -> "when u.key::int <= " + b.to() + " then '" + b.label() + "'")
            .collect(Collectors.joining(" ", "case when u.key is null then null ", " else '"
                    + ScoreBand.ALL.get(ScoreBand.ALL.size() - 1).label() + "' end")));

    private final Dimension dimension;
    private final String groupName;

    GroupBy(Dimension dimension) {
        this(dimension, "u.key");
    }

    GroupBy(Dimension dimension, String groupName) {
        this.dimension = dimension;
        this.groupName = groupName;
    }

    Dimension dimension() {
        return dimension;
    }

    /** The SQL of the group's name from the key of a counted row {@code u}. */
    String groupName() {
        return groupName;
    }

    /** The grouping a query names ({@code source}, …, {@code scoreBand}; any case), or null for none of them. */
    public static GroupBy of(String name) {
        if (name == null) {
            return null;
        }
        for (GroupBy g : values()) {
            if (g.parameter().equalsIgnoreCase(name.strip())) {
                return g;
            }
        }
        return null;
    }

    /** As a query names it: {@code source}, {@code scoreBand}. */
    public String parameter() {
        String[] words = name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }
}
