package io.leadstream.chassis.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests can move: the system's time until a test sets, stops or advances it, and back to it after
 * {@link #reset()}.
 * Produce one as the service's {@code Clock} bean in its tests, then move it to test decay, schedules and SLAs.
 */
public final class TestClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private volatile Instant stopped;

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        Instant at = stopped;
        return at != null ? at : Instant.now().plus(offset);
    }

    /** Time moves on from {@code now} (it keeps ticking, as real time does). */
    public void set(Instant now) {
        stopped = null;
        offset = Duration.between(Instant.now(), now);
    }

    /** Time stands at {@code now} until {@link #advance} moves it, for arithmetic on exact instants. */
    public void stopAt(Instant now) {
        stopped = now;
    }

    public void advance(Duration by) {
        Instant at = stopped;
        if (at != null) {
            stopped = at.plus(by);
        } else {
            offset = offset.plus(by);
        }
    }

    public void reset() {
        stopped = null;
        offset = Duration.ZERO;
    }
}
