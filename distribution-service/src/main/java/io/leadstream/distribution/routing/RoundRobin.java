package io.leadstream.distribution.routing;

import java.util.List;
import java.util.Optional;

/**
 * The round-robin choice, as a pure function: the rotation is the eligible reps in rep-id order
 * (byte-wise, as the database sorts them); the next rep is the first whose id sorts after the last one
 * assigned, wrapping around to the first. A last rep who has since been deactivated still marks the
 * place in the rotation. Where the last rep is kept, and the locking, is {@link AssignmentService}'s.
 */
public final class RoundRobin {

    public static final String STRATEGY = "ROUND_ROBIN";
    

    private RoundRobin() {
    }

    /** The rep chosen and why, in words a person can read. */
    public record Choice(String repId, String reason) {
    }

    /** The rep after {@code lastRepId} (null: nobody assigned yet) among {@code activeRepIds}; empty when there is none. */
    public static Optional<Choice> next(List<String> activeRepIds, String lastRepId) {
        List<String> rotation = activeRepIds.stream().distinct().sorted().toList();
        if (rotation.isEmpty()) {
            return Optional.empty();
        }
        int n = rotation.size();
        String among = "round-robin among " + n + " eligible rep" + (n == 1 ? "" : "s") + ": ";
        String first = rotation.get(0);
        if (n == 1) {
            return Optional.of(new Choice(first, among + first + " is the only one"));
        }
        if (lastRepId == null) {
            return Optional.of(new Choice(first, among + first + " is first in the rotation"));
        }
        for (String repId : rotation) {
            if (repId.compareTo(lastRepId) > 0) {
                return Optional.of(new Choice(repId, among + repId + " follows " + lastRepId));
            }
        }
        return Optional.of(new Choice(first, among + first + " follows " + lastRepId + " (wrapped around)"));
    }
}
