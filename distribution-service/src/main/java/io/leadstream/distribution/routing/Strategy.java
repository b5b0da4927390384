package io.leadstream.distribution.routing;

/** How a rep is chosen among the eligible candidates of a rule's target. */
public enum Strategy {
    /** In turn, by rep id, from where the target's rotation stands (stored, so fair across restarts and replicas). */
    ROUND_ROBIN,
    /** The rep with the fewest open leads (then the fewest assigned today, then rep id). */
    LOAD_BALANCED,
    /** In proportion to the rule's weights (default 1): the rep whose share of today's leads is lowest for its weight. */
    WEIGHTED,
    /** The rep who captured the lead, when eligible; otherwise round-robin over the target. */
    OWNER
}
