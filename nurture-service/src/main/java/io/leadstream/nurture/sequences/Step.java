package io.leadstream.nurture.sequences;

import io.leadstream.nurture.templates.Channel;

/**
 * One step of a drip sequence: {@code delayBusinessDays} after the step before it went out (after the enrolment for the
 * first step; 0: at once), the template {@code templateKey} through {@code channel}, in the lead's language.
 */
public record Step(int delayBusinessDays, Channel channel, String templateKey) {
}
