package io.leadstream.nurture.followups;

/**
 * A follow-up as a rep or manager asks for it (fields as sent; {@link FollowUpService} checks them): {@code dueAt} a
 * local date-time or an ISO date-time with offset, {@code timeZone} an IANA zone (optional), {@code note} required,
 * {@code owner} (managers only; default the lead's owner).
 */
public record ScheduleFollowUp(String dueAt, String timeZone, String note, String owner) {
}
