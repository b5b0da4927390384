package io.leadstream.chassis.time;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/**
 * The {@link Clock} every service takes time from (UTC). Schedules, SLAs, decay and quiet hours are tested by moving
 * a test clock: a service's tests produce their own {@code Clock} bean (for example the chassis test-jar's
 * {@code TestClock}), which replaces this default.
 */
public class Clocks {

    @Produces
    @Singleton
    @DefaultBean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
