package io.leadstream.nurture.webhooks;

import java.time.Duration;
import java.time.Instant;

/**
 * When a failed delivery is tried again, and when it is given up (pure). The wait after a failed attempt is as long as
 * the delivery has been failing, since its first attempt (at least {@code first}, at most {@code max}), so the waits
 * double: with the defaults (10 s, 1 h, 24 h) 10 s, 10 s, 20 s, 40 s, … up to an hour after about an hour, then
 * hourly, some 34 attempts in a day, until the first attempt is {@code window} ago. Counted from the first attempt of
 * the current window, the schedule starts over when an admin retries the delivery or resumes its subscription.
 */
public record RetrySchedule(Duration first, Duration max, Duration window) {

    /** The wait after an attempt at {@code now} failed, the first one of the window having been at {@code firstAttempt}. */
    public Duration backoff(Instant firstAttempt, Instant now) {
        Duration failing = Duration.between(firstAttempt, now);
        Duration wait = failing.compareTo(first) < 0 ? first : failing;
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /** Whether a delivery first tried at {@code firstAttempt} that failed again at {@code now} is given up. */
    public boolean givesUp(Instant firstAttempt, Instant now) {
        return !now.isBefore(firstAttempt.plus(window));
    }
}
