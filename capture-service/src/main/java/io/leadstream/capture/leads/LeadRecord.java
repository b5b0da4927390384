package io.leadstream.capture.leads;

import java.util.List;

import io.leadstream.capture.consent.CurrentConsent;
import io.leadstream.capture.dedup.MergeRecord;
import io.leadstream.capture.model.Lead;

/** A lead as {@code GET /api/leads/{id}} reads it: the lead, its current consents and its merge history. */
public record LeadRecord(Lead lead, List<CurrentConsent> consent, List<MergeRecord> mergeHistory) {
}
