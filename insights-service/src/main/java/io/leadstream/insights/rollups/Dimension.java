package io.leadstream.insights.rollups;

/**
 * What the daily rollup {@code lead_day} breaks the leads of a day down by, and the same over a {@code lead_fact} row
 * (alias {@code f}) for the parts of days read from the facts: its name in column {@code dim} and the SQL of its key
 * (and second key). {@link #ALL} is every lead of the day under no key.
 */
public enum Dimension {
    ALL("", "null::text", "null::text"),
    SOURCE("source", "f.source", "null::text"),
    /** A lead under each of its products (one without any under null). */
    PRODUCT("product", "p.product", "null::text"),
    SEGMENT("segment", "f.segment", "null::text"),
    COUNTRY("country", "f.country", "null::text"),
    CAMPAIGN("campaign", "f.campaign", "null::text"),
    REP("rep", "f.rep_id", "null::text"),
    /** The partner company the lead came from, else the one it was shared with. */
    PARTNER("partner", "coalesce(f.partner_id, f.shared_partner_id)", "null::text"),
    /** The team the lead was last routed to (an assignment rule's team:&lt;id&gt; target, an SLA breach's team). */
    TEAM("team", "f.team_id", "null::text"),
    /** Its current score as text ({@code 57}); null: never scored. */
    SCORE("score", "f.score::text", "null::text"),
    /** Source and campaign together: key the source, key2 the campaign. */
    SOURCE_CAMPAIGN("sourceCampaign", "f.source", "f.campaign"),
    /** The bin of its speed-to-lead ({@code lead_fact.speed_bin}, migration V8) as text; null: not assigned. */
    SPEED_BIN("speedBin", "f.speed_bin::text", "null::text"),
    /**
     * The rep and the bin of the time from assignment to their first touch ({@code lead_fact.touch_bin}, migration
     * V10) as text; both null when no rep touched it.
     */
    REP_TOUCH_BIN("repTouchBin", "case when f.touch_bin is not null then f.rep_id end", "f.touch_bin::text");

    private final String dim;
    private final String key;
    private final String key2;

    Dimension(String dim, String key, String key2) {
        this.dim = dim;
        this.key = key;
        this.key2 = key2;
    }

    /** Its value of {@code lead_day.dim}. */
    public String dim() {
        return dim;
    }

    /** The SQL of its key over {@code lead_fact f} (after {@link #join()}). */
    public String key() {
        return key;
    }

    /** The SQL of its second key over {@code lead_fact f}; null::text but for {@link #SOURCE_CAMPAIGN}. */
    public String key2() {
        return key2;
    }

    /** What a {@code lead_fact f} row is joined with for its key: one row per product for {@link #PRODUCT}. */
    public String join() {
        return this == PRODUCT ? " left join lateral unnest(f.products) as p(product) on true" : "";
    }
}
