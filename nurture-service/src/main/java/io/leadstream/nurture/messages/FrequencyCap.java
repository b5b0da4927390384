package io.leadstream.nurture.messages;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * At most {@code max} messages to one lead within any rolling {@code window} (a pure function over the times the
 * lead's messages were sent).
 */
public record FrequencyCap(int max, Duration window) {

    /**
     * Empty when one more message may go at {@code at}, given the lead's messages sent at {@code sentAt} (any order);
     * else the first instant it may (when the oldest message that counts leaves the window).
     */
    public Optional<Instant> nextAllowed(List<Instant> sentAt, Instant at) {
        if (max <= 0) {
            return Optional.of(Instant.MAX);
        }
        Instant since = at.minus(window);
        List<Instant> counted = sentAt.stream().filter(t -> t.isAfter(since)).sorted().toList();
        if (counted.size() < max) {
            return Optional.empty();
        }
        // the message that must leave the window for the count to drop below max
        return Optional.of(counted.get(counted.size() - max).plus(window));
    }
}
