package io.leadstream.distribution.routing;

/**
 * Who a rule's leads go to: every rep ({@code ALL_REPS}, no id), one team's reps ({@code TEAM}), one rep ({@code REP}),
 * a pull queue reps claim from ({@code QUEUE}), or a partner company the lead is shared with ({@code PARTNER}).
 */
public record Target(Type type, String id) {

    public enum Type {
        ALL_REPS, TEAM, REP,
        /** a pull queue: the lead waits there until a rep claims it; no strategy applies */
        QUEUE,
        /** a partner company, by its partner id: the lead is shared with it to accept or decline; no strategy applies */
        PARTNER
    }

    public static final Target ALL_REPS = new Target(Type.ALL_REPS, null);

    public static Target team(String teamId) {
        return new Target(Type.TEAM, teamId);
    }

    public static Target queue(String queue) {
        return new Target(Type.QUEUE, queue);
    }

    public static Target partner(String partnerId) {
        return new Target(Type.PARTNER, partnerId);
    }

    public static Target rep(String repId) {
        return new Target(Type.REP, repId);
    }

    /** Names the target's round-robin rotation: {@code all-reps}, {@code team:emea}, {@code rep:alice}, {@code partner:acme}. */
    public String key() {
        return type == Type.ALL_REPS ? "all-reps" : type.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }

    /** For people: "every rep", "team emea", "rep alice". */
    public String describe() {
        return switch (type) {
            case ALL_REPS -> "every rep";
            case TEAM -> "team " + id;
            case REP -> "rep " + id;
            case QUEUE -> "queue " + id;
            case PARTNER -> "partner " + id;
        };
    }
}
