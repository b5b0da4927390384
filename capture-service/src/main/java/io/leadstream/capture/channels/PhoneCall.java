package io.leadstream.capture.channels;

import java.time.Instant;

/**
 * A logged phone call: the other party's number (finds the lead), its country, the contact fields a new lead gets,
 * and the call itself (direction, when, how long, its outcome, a summary that stays in capture-service, the
 * telephony system's id).
 */
public record PhoneCall(String phone, String country, String firstName, String lastName, String email, String company,
        String direction, Instant occurredAt, Integer durationSeconds, String outcome, String summary, String callId) {
}
