package io.leadstream.capture.consent.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.capture.consent.ConsentEntry;
import io.leadstream.capture.consent.ConsentProof;
import io.leadstream.capture.consent.ConsentStatus;
import io.leadstream.capture.model.ConsentChannel;

/** One entry of a lead's consent ledger as the API shows it. */
@Schema(name = "ConsentEntry")
public record ConsentEntryView(UUID id, UUID leadId, String purpose, ConsentChannel channel, ConsentStatus status,
        ConsentProof proof, Instant recordedAt, @Schema(description = "the caller's principal") String recordedBy) {

    public static ConsentEntryView of(ConsentEntry entry) {
        return new ConsentEntryView(entry.id, entry.leadId, entry.purpose, entry.channel, entry.status,
                new ConsentProof(entry.capturedAt, entry.method, entry.textVersion, entry.source, entry.address,
                        entry.ipAddress),
                entry.recordedAt, entry.recordedBy);
    }
}
