package io.leadstream.capture.intake;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.capture.model.LeadSubmission;

/**
 * A lead to capture: what was submitted, where from (as the server knows it) and who submitted it.
 *
 * @param caller recorded as {@code merged_by}; decides what the answer may show ({@link Captured#visible()})
 */
public record CaptureLead(LeadSubmission lead, Origin origin, Viewer caller) {
}
