package io.leadstream.nurture.messages;

import java.time.Instant;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.leadstream.nurture.templates.Channel;

/**
 * capture-service, where the person behind a lead is (nurture keeps no contact data): read at send time, and told
 * when the person unsubscribes. Implemented at the edge ({@code messages.rest.CaptureLeadDirectory}) with nurture's
 * own client-credentials token.
 */
public interface LeadDirectory {

    /** Who to write to; null when capture does not know the lead (erased, or merged away). */
    Uni<Recipient> recipient(UUID leadId);

    /** Writes a withdrawal into capture's consent ledger (which announces it as consent.changed). */
    Uni<Void> withdraw(UUID leadId, String purpose, Channel channel, String source, Instant at);

    /** What a send needs of a lead, nothing more. */
    record Recipient(String firstName, String lastName, String email, String phone, String company, String country,
            String language, String timeZone, java.util.List<String> products) {

        public String fullName() {
            String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
            return name.isEmpty() ? null : name;
        }

        public String address(Channel channel) {
            return channel == Channel.EMAIL ? email : phone;
        }
    }
}
