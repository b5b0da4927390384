package io.leadstream.insights.counts;

import java.util.Locale;
import java.util.stream.Collectors;

import io.leadstream.insights.breakdowns.ScoreBand;

/**
 * What leads are broken down by in grouped counts, and the column (or expression over {@code lead_fact} as {@code f})
 * that holds it. A lead with several products counts once under each.
 */
public enum GroupBy {
    SOURCE("f.source"),
    PRODUCT("p.product"),
    SEGMENT("f.segment"),
    COUNTRY("f.country"),
    CAMPAIGN("f.campaign"),
    REP("f.rep_id"),
    /** The partner company the lead came from, else the one it was shared with. */
    PARTNER("coalesce(f.partner_id, f.shared_partner_id)"),
    /** The team the lead was last routed to (an assignment rule's team:&lt;id&gt; target, an SLA breach's team). */
    TEAM("f.team_id"),
    /** The band of its current score ({@code 0-19} … {@code 80-100}, as the scoring breakdown's); null: never scored. */
    SCORE_BAND(ScoreBand.ALL.stream()
            .map(b -> "when f.score <= " + b.to() + " then '" + b.label() + "'")
            .collect(Collectors.joining(" ", "case when f.score is null then null ", " else '"
                    + ScoreBand.ALL.get(ScoreBand.ALL.size() - 1).label() + "' end")));

    private final String expression;

    GroupBy(String expression) {
        this.expression = expression;
    }

    String expression() {
        return expression;
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
