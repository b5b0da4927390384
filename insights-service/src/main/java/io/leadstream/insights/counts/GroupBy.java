package io.leadstream.insights.counts;

import java.util.Locale;

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
    PARTNER("coalesce(f.partner_id, f.shared_partner_id)");

    private final String expression;

    GroupBy(String expression) {
        this.expression = expression;
    }

    String expression() {
        return expression;
    }

    /** The grouping a query names ({@code source}, …, any case), or null for none of them. */
    public static GroupBy of(String name) {
        if (name == null) {
            return null;
        }
        for (GroupBy g : values()) {
            if (g.name().equalsIgnoreCase(name.strip())) {
                return g;
            }
        }
        return null;
    }

    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }
}
