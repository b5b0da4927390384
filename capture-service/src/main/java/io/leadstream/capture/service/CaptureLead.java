package io.leadstream.capture.service;

import io.leadstream.capture.rest.CaptureLeadRequest;

/**
 * A lead to capture: what was submitted, where from (as the server knows it) and who submitted it.
 *
 * @param caller recorded as {@code merged_by}; decides what the answer may show ({@link Captured#visible()})
 */
public record CaptureLead(CaptureLeadRequest lead, Origin origin, Viewer caller) {
}
