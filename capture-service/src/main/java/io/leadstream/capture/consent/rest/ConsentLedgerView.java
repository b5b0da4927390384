package io.leadstream.capture.consent.rest;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.capture.consent.ConsentEntry;
import io.leadstream.capture.consent.ConsentStatus;
import io.leadstream.capture.model.ConsentChannel;



/** A lead's consents: the current state per purpose and channel, and every entry in the order recorded. */
@Schema(name = "ConsentLedger")
public record ConsentLedgerView(
        @Schema(description = "one per purpose and channel: the latest entry wins; sorted by purpose, channel")
        List<CurrentConsent> current,
        @Schema(description = "every entry, oldest first") List<ConsentEntryView> history) {

    @Schema(name = "CurrentConsent")
    public record CurrentConsent(String purpose, ConsentChannel channel, ConsentStatus status,
            @Schema(description = "when the person gave or withdrew it (the latest entry's proof.capturedAt)")
            Instant since) {
    }

    /** {@code entries} in the order they were recorded (oldest first). */
    public static ConsentLedgerView of(List<ConsentEntry> entries) {
        Map<String, CurrentConsent> latest = new LinkedHashMap<>();
        for (ConsentEntry e : entries) {
            latest.put(e.purpose + "/" + e.channel,
                    new CurrentConsent(e.purpose, e.channel, e.status, e.capturedAt));
        }
        List<CurrentConsent> current = latest.values().stream()
                .sorted(Comparator.comparing(CurrentConsent::purpose).thenComparing(CurrentConsent::channel))
                .toList();
        return new ConsentLedgerView(current, entries.stream().map(ConsentEntryView::of).toList());
    }
}
