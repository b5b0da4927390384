package io.leadstream.nurture.webhooks;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/** The {@link TargetGuard} webhooks use: the JVM's resolver (tests produce one whose names they control). */
public class TargetGuards {

    @Produces
    @Singleton
    @DefaultBean
    TargetGuard system() {
        return TargetGuard.system();
    }
}
