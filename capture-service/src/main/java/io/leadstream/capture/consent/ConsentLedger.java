package io.leadstream.capture.consent;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lead's consents: the current state per purpose and channel (the latest entry wins; sorted by purpose, channel)
 * and every entry in the order recorded.
 */
public record ConsentLedger(List<CurrentConsent> current, List<ConsentEntry> history) {

    /** The ledger of {@code entries}, in the order they were recorded (oldest first). */
    public static ConsentLedger of(List<ConsentEntry> entries) {
        Map<String, CurrentConsent> latest = new LinkedHashMap<>();
        for (ConsentEntry e : entries) {
            latest.put(e.purpose + "/" + e.channel, new CurrentConsent(e.purpose, e.channel, e.status, e.capturedAt));
        }
        List<CurrentConsent> current = latest.values().stream()
                .sorted(Comparator.comparing(CurrentConsent::purpose).thenComparing(CurrentConsent::channel))
                .toList();
        return new ConsentLedger(current, List.copyOf(entries));
    }
}
