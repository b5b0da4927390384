package io.leadstream.nurture.notifications;

import java.time.Instant;
import java.util.UUID;

/**
 * One person to tell about one event: the lead, the recipient's username, what they are told, when it happened (the
 * event's own time: with the lead, the kind and the recipient it identifies the notice, so a redelivered event tells
 * nobody twice), the other rep or manager the mail names (by username) and, for an SLA breach, its kind.
 */
public record Notice(UUID leadId, String recipient, NoticeKind kind, Instant occurredAt, String otherRep,
        String slaKind) {
}
