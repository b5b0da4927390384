package io.leadstream.nurture;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.leadstream.chassis.testing.TestClock;

/** nurture's clock in tests: real time until a test moves it (quiet hours, frequency caps, follow-ups coming due); tests
 * reset it after. */
public class TestClocks {

    public static final TestClock CLOCK = new TestClock();

    @Produces
    @Singleton
    Clock clock() {
        return CLOCK;
    }
}
