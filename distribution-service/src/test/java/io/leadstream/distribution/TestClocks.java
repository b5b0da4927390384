package io.leadstream.distribution;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.leadstream.chassis.testing.TestClock;

/** distribution's clock in tests: real time until a test moves it (SLA clocks, share deadlines); tests reset it after. */
public class TestClocks {

    public static final TestClock CLOCK = new TestClock();

    @Produces
    @Singleton
    Clock clock() {
        return CLOCK;
    }
}
