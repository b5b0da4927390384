package io.leadstream.capture.consent.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.capture.consent.ConsentLedger;
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

        public static CurrentConsent of(io.leadstream.capture.consent.CurrentConsent current) {
            return new CurrentConsent(current.purpose(), current.channel(), current.status(), current.since());
        }
    }

    public static ConsentLedgerView of(ConsentLedger ledger) {
        return new ConsentLedgerView(ledger.current().stream().map(CurrentConsent::of).toList(),
                ledger.history().stream().map(ConsentEntryView::of).toList());
    }
}
