package io.leadstream.distribution.assignments;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * distribution's own reading of nurture's events (tolerant: only what the SLA clocks and open-lead counts need).
 * Checked against nurture's JSON Schemas in EventContractsTest.
 */
final class NurtureEvents {

    private NurtureEvents() {
    }

    /** Activities in which someone on our side reached the lead (not notes, documents or the lead writing to us). */
    static final Set<String> CONTACT_KINDS = Set.of("CALL", "EMAIL", "WHATSAPP", "SMS", "MEETING");

    @EventType("activity.logged")
    record ActivityLogged(UUID leadId, String kind, String direction, String source, Instant occurredAt) {

        /**
         * A call, message or meeting a rep or an integration logged; a message the lead sent us (inbound email,
         * WhatsApp, SMS) or an inquiry is the lead's move, not our contact. An inbound call a rep logged was answered:
         * that is contact.
         */
        boolean contact() {
            if (!CONTACT_KINDS.contains(kind) || "INQUIRY".equals(source)) {
                return false;
            }
            return !"INBOUND".equals(direction) || "CALL".equals(kind) || "MEETING".equals(kind);
        }
    }

    @EventType("lead.stage-changed")
    record StageChanged(UUID leadId, String from, String to, Instant changedAt) {
    }

    @EventType("message.sent")
    record MessageSent(UUID leadId, String channel, String sentBy, Instant sentAt) {

        /** A rep's own message is contact; one a drip sequence sent is not. */
        boolean byRep() {
            return sentBy != null && !"sequence".equals(sentBy);
        }
    }
}
