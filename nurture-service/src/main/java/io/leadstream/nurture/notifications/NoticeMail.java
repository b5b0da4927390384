package io.leadstream.nurture.notifications;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The email a notice becomes, a pure function: the lead's id, what happened, when (UTC) and what to do, in words
 * without a link. Never anything about the lead's person (nurture holds none); other reps and managers only by
 * username.
 */
public record NoticeMail(String subject, String text) {

    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public static NoticeMail of(Notice n) {
        String lead = "lead " + n.leadId();
        String when = n.occurredAt() == null ? "just now" : "on " + UTC.format(n.occurredAt());
        String target = target(n.slaKind());
        String find = "Open Leadstream and find the lead by its id (" + n.leadId() + ").";
        return switch (n.kind()) {
            case ASSIGNED -> new NoticeMail("Lead " + n.leadId() + " is assigned to you", """
                    Lead %s was assigned to you %s.

                    %s Read its timeline and make the first contact in time: the first-touch target runs from the \
                    assignment.
                    """.formatted(n.leadId(), when, find));
            case REASSIGNED -> new NoticeMail("Lead " + n.leadId() + " is reassigned to you", """
                    Lead %s was reassigned to you %s%s.

                    %s Read its timeline to see where it stands and take it on from there.
                    """.formatted(n.leadId(), when, n.otherRep() == null ? "" : "; " + n.otherRep() + " had it before",
                    find));
            case SLA_MISSED -> new NoticeMail("Lead " + n.leadId() + ": " + target + " target missed", """
                    The %s target on %s was missed (noted %s).

                    %s Contact the lead now and log the contact there. Left untouched, the lead is escalated to your \
                    manager and may be reassigned.
                    """.formatted(target, lead, when, find));
            case SLA_ESCALATED -> new NoticeMail("Lead " + n.leadId() + ": " + target + " target missed, escalated",
                    """
                    The %s target on %s is still missed; it was escalated %s%s.

                    %s Contact the lead now and log the contact there. Left untouched, the lead may be reassigned.
                    """.formatted(target, lead, when, n.otherRep() == null ? "" : " to your manager " + n.otherRep(),
                            find));
            case SLA_ESCALATED_TO_MANAGER -> new NoticeMail(
                    "Lead " + n.leadId() + ": " + n.otherRep() + " missed the " + target + " target", """
                    %s has missed the %s target on %s; it was escalated to you %s.

                    %s Check with %s, or reassign the lead.
                    """.formatted(n.otherRep(), target, lead, when, find, n.otherRep()));
            case SLA_TAKEN_AWAY -> new NoticeMail("Lead " + n.leadId() + " was reassigned to " + n.otherRep(), """
                    The %s target on %s was missed, so the lead was taken from you and reassigned to %s %s.

                    You no longer work this lead; there is nothing more to do on it.
                    """.formatted(target, lead, n.otherRep(), when));
            case SLA_NOT_REASSIGNED -> new NoticeMail("Lead " + n.leadId() + ": " + target + " target still missed",
                    """
                    The %s target on %s is still missed (noted %s). Nobody else could take the lead, so it stays \
                    with you.

                    %s Contact the lead now and log the contact there.
                    """.formatted(target, lead, when, find));
        };
    }

    private static String target(String slaKind) {
        if ("FIRST_TOUCH".equals(slaKind)) {
            return "first-touch";
        }
        if ("NEXT_TOUCH".equals(slaKind)) {
            return "next-touch";
        }
        return "contact";
    }

}
