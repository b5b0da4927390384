package io.leadstream.nurture.stages;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;

/**
 * The guarded transitions of the pipeline, a pure function of (from, to, the mover's role, the reason). The table:
 *
 * <pre>
 * move        from                     to                                  who               reason
 * FORWARD     OPEN … NEGOTIATION       the next stage (up to CUSTOMER)     owner or manager  optional
 * SKIP_AHEAD  OPEN … NURTURING         a later stage up to NEGOTIATION     owner or manager  required
 * WIN_EARLY   OPEN … QUALIFIED         CUSTOMER                            manager only      required
 * STEP_BACK   NURTURING … NEGOTIATION  an earlier stage other than OPEN    owner or manager  required
 * DISQUALIFY  OPEN … NEGOTIATION       UNQUALIFIED                         owner or manager  required (unqualified)
 * LAPSE       CUSTOMER                 INACTIVE                            owner or manager  optional
 * REACTIVATE  INACTIVE                 NURTURING or QUALIFIED              owner or manager  optional
 * REOPEN      UNQUALIFIED              OPEN or CONTACTED                   manager only      required
 * </pre>
 *
 * Every other move is refused (409, naming the moves allowed from the lead's stage), as is a "move" to the stage the
 * lead is in. "Manager" is a sales-manager or a lead-admin. A reason is always a code: one of
 * {@code leadstream.nurture.stages.unqualified-reasons} for UNQUALIFIED, one of {@code leadstream.nurture.stages.move-reasons} for
 * every other move (also where it is optional but given), so that events carry codes and never free text (a person's
 * words go in the move's note, which stays in nurture). Checks run in this order: the table (409), the role (403),
 * the reason (400).
 */
public final class StageMachine {

    /** The stages in which a lead is being worked: it may move on, back, or be disqualified. */
    public static final Set<Stage> WORKING = EnumSet.range(Stage.OPEN, Stage.NEGOTIATION);

    /** Which reason a move needs. */
    public enum ReasonRule {
        /** none needed; when given, one of the move reasons */
        OPTIONAL,
        /** one of the move reasons */
        MOVE_REASON,
        /** one of the unqualified reasons */
        UNQUALIFIED_REASON
    }

    /** The kinds of move the table allows, each with what it needs. */
    public enum Move {
        FORWARD(ReasonRule.OPTIONAL, false),
        SKIP_AHEAD(ReasonRule.MOVE_REASON, false),
        WIN_EARLY(ReasonRule.MOVE_REASON, true),
        STEP_BACK(ReasonRule.MOVE_REASON, false),
        DISQUALIFY(ReasonRule.UNQUALIFIED_REASON, false),
        LAPSE(ReasonRule.OPTIONAL, false),
        REACTIVATE(ReasonRule.OPTIONAL, false),
        REOPEN(ReasonRule.MOVE_REASON, true);

        private final ReasonRule reason;
        private final boolean managerOnly;

        Move(ReasonRule reason, boolean managerOnly) {
            this.reason = reason;
            this.managerOnly = managerOnly;
        }

        public ReasonRule reason() {
            return reason;
        }

        public boolean managerOnly() {
            return managerOnly;
        }
    }

    private final Set<String> unqualifiedReasons;
    private final Set<String> moveReasons;

    /** The reason codes allowed for UNQUALIFIED, and for every other move. */
    public StageMachine(List<String> unqualifiedReasons, List<String> moveReasons) {
        this.unqualifiedReasons = codes(unqualifiedReasons);
        this.moveReasons = codes(moveReasons);
    }

    private static Set<String> codes(List<String> list) {
        Set<String> codes = new LinkedHashSet<>();
        for (String code : list == null ? List.<String>of() : list) {
            if (code != null && !code.isBlank()) {
                codes.add(code.strip());
            }
        }
        return Set.copyOf(codes);
    }

    /** The kind of move from {@code from} to {@code to}, or empty when the table forbids it (or it is no move). */
    public static Optional<Move> kind(Stage from, Stage to) {
        if (from == null || to == null || from == to) {
            return Optional.empty();
        }
        if (WORKING.contains(from)) {
            if (to == Stage.UNQUALIFIED) {
                return Optional.of(Move.DISQUALIFY);
            }
            if (to == Stage.INACTIVE) {
                return Optional.empty();
            }
            int steps = to.ordinal() - from.ordinal();
            if (steps == 1) {
                return Optional.of(Move.FORWARD);
            }
            if (steps > 1) {
                return Optional.of(to == Stage.CUSTOMER ? Move.WIN_EARLY : Move.SKIP_AHEAD);
            }
            return to == Stage.OPEN ? Optional.empty() : Optional.of(Move.STEP_BACK);
        }
        return switch (from) {
            case CUSTOMER -> to == Stage.INACTIVE ? Optional.of(Move.LAPSE) : Optional.empty();
            case INACTIVE -> to == Stage.NURTURING || to == Stage.QUALIFIED ? Optional.of(Move.REACTIVATE)
                    : Optional.empty();
            case UNQUALIFIED -> to == Stage.OPEN || to == Stage.CONTACTED ? Optional.of(Move.REOPEN) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** Every stage a lead in {@code from} may move to, in pipeline order. */
    public static Set<Stage> allowedFrom(Stage from) {
        Set<Stage> allowed = EnumSet.noneOf(Stage.class);
        for (Stage to : Stage.values()) {
            kind(from, to).ifPresent(move -> allowed.add(to));
        }
        return allowed;
    }

    /**
     * The move from {@code from} to {@code to} by a mover (a manager or not) with {@code reason} (null: none), when
     * allowed; otherwise a problem: 409 {@code stage-unchanged} or {@code stage-move-not-allowed} (naming the moves
     * allowed), 403 {@code stage-move-needs-manager}, 400 {@code invalid-stage-move} naming {@code reason}.
     */
    public Move check(Stage from, Stage to, boolean manager, String reason) {
        if (from == to) {
            throw ProblemException.conflict("stage-unchanged", "the lead is " + from + " already; " + allowedText(from));
        }
        Move move = kind(from, to).orElseThrow(() -> ProblemException.conflict("stage-move-not-allowed",
                "a lead cannot move from " + from + " to " + to + "; " + allowedText(from)));
        if (move.managerOnly() && !manager) {
            throw new ProblemException(403, "stage-move-needs-manager", "Forbidden", "moving a lead from " + from
                    + " to " + to + " needs a sales-manager or lead-admin (with a reason)");
        }
        String code = reason == null || reason.isBlank() ? null : reason.strip();
        Set<String> allowed = move.reason() == ReasonRule.UNQUALIFIED_REASON ? unqualifiedReasons : moveReasons;
        if (code == null && move.reason() != ReasonRule.OPTIONAL) {
            throw invalidReason("a move from " + from + " to " + to + " needs a reason",
                    "required: one of " + String.join(", ", sorted(allowed)));
        }
        if (code != null && !allowed.contains(code)) {
            String shown = code.length() <= 64 ? "'" + code + "'" : "the reason given";
            throw invalidReason(shown + " is not a reason for a move from " + from + " to " + to,
                    "must be one of " + String.join(", ", sorted(allowed)));
        }
        return move;
    }

    /** The reason codes a move to {@code to} takes. */
    public Set<String> reasonsFor(Stage to) {
        return to == Stage.UNQUALIFIED ? unqualifiedReasons : moveReasons;
    }

    private static ProblemException invalidReason(String detail, String message) {
        return ProblemException.badRequest("invalid-stage-move", detail, List.of(new FieldError("reason", message)));
    }

    private static List<String> sorted(Set<String> codes) {
        return codes.stream().sorted().toList();
    }

    /** "from QUALIFIED a lead may move to NEGOTIATION; with a reason to …; as a manager, with a reason, to …". */
    static String allowedText(Stage from) {
        List<Stage> free = new ArrayList<>();
        List<Stage> withReason = new ArrayList<>();
        List<Stage> managers = new ArrayList<>();
        for (Stage to : allowedFrom(from)) {
            Move move = kind(from, to).orElseThrow();
            if (move.managerOnly()) {
                managers.add(to);
            } else if (move.reason() == ReasonRule.OPTIONAL) {
                free.add(to);
            } else {
                withReason.add(to);
            }
        }
        List<String> parts = new ArrayList<>();
        if (!free.isEmpty()) {
            parts.add("to " + names(free));
        }
        if (!withReason.isEmpty()) {
            parts.add("with a reason to " + names(withReason));
        }
        if (!managers.isEmpty()) {
            parts.add("as a sales-manager or lead-admin, with a reason, to " + names(managers));
        }
        return parts.isEmpty() ? "from " + from + " a lead may not move" : "from " + from + " a lead may move "
                + String.join("; ", parts);
    }

    private static String names(List<Stage> stages) {
        return stages.stream().map(Stage::name).collect(Collectors.joining(", "));
    }
}
