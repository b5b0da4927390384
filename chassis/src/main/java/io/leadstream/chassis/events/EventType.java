package io.leadstream.chassis.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The type and version an event record stands for: {@code @EventType("lead.captured")} is
 * {@code leadstream.lead.captured.v1}. A producer's record ({@link DomainEvent}) carries it so that the outbox
 * names the event from the record itself; a consumer's own reading of another service's event carries it so that
 * its handler table ({@code EventHandlers}) and its contract test know which event the record reads.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** The event's name, past tense, dotted: {@code lead.captured}, {@code lead.stage-changed}. */
    String value();

    /** Breaking change → new version, both published for a while (conventions.md). */
    int version() default 1;
}
