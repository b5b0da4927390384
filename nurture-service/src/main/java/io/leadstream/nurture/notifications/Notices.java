package io.leadstream.nurture.notifications;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.leadstream.nurture.stages.LeadAssignedEvent;
import io.leadstream.nurture.stages.LeadClaimedEvent;
import io.leadstream.nurture.stages.LeadReassignedEvent;
import io.leadstream.nurture.stages.SlaBreachedEvent;

/**
 * Who is told what about one of distribution's events, a pure function (unit-tested in {@code NoticesTest}):
 * <ul>
 * <li>lead.assigned: the rep ({@link NoticeKind#ASSIGNED});</li>
 * <li>lead.claimed: nobody: a claim is the rep's own act, they know;</li>
 * <li>lead.reassigned: the new rep ({@link NoticeKind#REASSIGNED}, naming the previous rep by username); the previous
 * rep is not told here (a reassignment after an SLA breach tells them through sla.breached REASSIGN; a manager's
 * reassignment is the manager's to explain); nobody when the rep does not change;</li>
 * <li>sla.breached REMIND: the rep ({@link NoticeKind#SLA_MISSED}); ESCALATE: the rep ({@link NoticeKind#SLA_ESCALATED})
 * and the manager {@code managerId} when there is one ({@link NoticeKind#SLA_ESCALATED_TO_MANAGER}); REASSIGN: the rep
 * who had it, that it was taken away ({@link NoticeKind#SLA_TAKEN_AWAY}; the new rep is told by the lead.reassigned
 * that follows), or, when nobody else could take it, that it stays with them
 * ({@link NoticeKind#SLA_NOT_REASSIGNED}); an unknown step: nobody.</li>
 * </ul>
 * An event without a lead id or a rep tells nobody.
 */
public final class Notices {

    private Notices() {
    }

    public static List<Notice> of(LeadAssignedEvent e) {
        if (e.leadId() == null || blank(e.repId())) {
            return List.of();
        }
        return List.of(new Notice(e.leadId(), e.repId(), NoticeKind.ASSIGNED, e.assignedAt(), null, null));
    }

    /** Nobody: the rep claimed the lead from a pull queue themselves. */
    public static List<Notice> of(LeadClaimedEvent e) {
        return List.of();
    }

    public static List<Notice> of(LeadReassignedEvent e) {
        if (e.leadId() == null || blank(e.repId()) || Objects.equals(e.repId(), e.previousRepId())) {
            return List.of();
        }
        return List.of(new Notice(e.leadId(), e.repId(), NoticeKind.REASSIGNED, e.reassignedAt(),
                blank(e.previousRepId()) ? null : e.previousRepId(), null));
    }

    public static List<Notice> of(SlaBreachedEvent e) {
        if (e.leadId() == null || blank(e.repId()) || e.step() == null) {
            return List.of();
        }
        List<Notice> notices = new ArrayList<>(2);
        switch (e.step()) {
            case "REMIND" -> notices.add(notice(e, e.repId(), NoticeKind.SLA_MISSED, null));
            case "ESCALATE" -> {
                String manager = blank(e.managerId()) ? null : e.managerId();
                notices.add(notice(e, e.repId(), NoticeKind.SLA_ESCALATED, manager));
                if (manager != null) {
                    notices.add(notice(e, manager, NoticeKind.SLA_ESCALATED_TO_MANAGER, e.repId()));
                }
            }
            case "REASSIGN" -> notices.add(blank(e.reassignedTo()) || e.reassignedTo().equals(e.repId())
                    ? notice(e, e.repId(), NoticeKind.SLA_NOT_REASSIGNED, null)
                    : notice(e, e.repId(), NoticeKind.SLA_TAKEN_AWAY, e.reassignedTo()));
            default -> {
                // a step distribution adds later: nobody is told until nurture knows what it means
            }
        }
        return List.copyOf(notices);
    }

    private static Notice notice(SlaBreachedEvent e, String recipient, NoticeKind kind, String otherRep) {
        return new Notice(e.leadId(), recipient, kind, e.breachedAt(), otherRep, e.kind());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
