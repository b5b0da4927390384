package io.leadstream.scoring;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.leadstream.chassis.testing.TestClock;

/** The service's clock in tests: real time until a test moves it (decay, credit-check retries). */
public class TestClocks {

    public static final TestClock CLOCK = new TestClock();

    @Produces
    @Singleton
    Clock clock() {
        return CLOCK;
    }
}
