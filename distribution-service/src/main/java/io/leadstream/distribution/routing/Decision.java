package io.leadstream.distribution.routing;

import java.util.List;

/**
 * Where routing sends a lead and why: the rule that matched (or the default), its target and strategy, the rep chosen
 * (null: nobody eligible, the lead waits), a reason a person can read, every candidate considered with why it was
 * skipped, and why each earlier rule did not match. {@code rotation}: the round-robin rotation the choice moves on
 * (its key, {@link Target#key()}), null when no rotation was used.
 */
public record Decision(String repId, String rule, int ruleIndex, Target target, Strategy strategy, String reason,
        List<Candidate> candidates, List<RuleMiss> rulesNotMatched, String rotation) {

    public Decision {
        candidates = List.copyOf(candidates);
        rulesNotMatched = List.copyOf(rulesNotMatched);
    }

    /** A rep considered: {@code skipped} null when eligible. */
    public record Candidate(String repId, String skipped) {
    }

    /** A rule before the one that matched, and why it did not. */
    public record RuleMiss(String rule, String because) {
    }

    public boolean assigned() {
        return repId != null;
    }

    /** The lead goes to a pull queue ({@code target().id()}); {@code strategy} is null. */
    public boolean queued() {
        return target.type() == Target.Type.QUEUE;
    }

    /** The lead is shared with a partner company ({@code target().id()}) to accept or decline; {@code strategy} is null. */
    public boolean shared() {
        return target.type() == Target.Type.PARTNER;
    }

    /** Index -1: the default decided. */
    public boolean byDefault() {
        return ruleIndex < 0;
    }
}
