package io.leadstream.capture.intake;

import io.leadstream.capture.dedup.MatchedOn;
import io.leadstream.capture.model.Lead;
import io.leadstream.capture.model.NormalisedContact;

/**
 * What became of a lead submission ({@link LeadIntake#capture}): a new lead, a new lead recorded as a suspected
 * duplicate under its source's flag policy, or a merge into an existing lead.
 *
 * @param lead the new lead, or the existing lead the submission was merged into
 * @param matchedOn how a merged submission matched {@code lead}; null for a new lead
 * @param submission the submission as normalised (what the caller sent, nothing of the lead it matched)
 * @param visible whether the caller may see {@code lead}: always for a new lead (theirs); for a merge, whether the
 *        caller sees every lead or is the rep it is assigned to. A caller who may not see it must learn nothing of
 *        it: not its id, not its data, only what they sent
 */
public record Captured(Lead lead, Outcome outcome, MatchedOn matchedOn, NormalisedContact submission, boolean visible) {

    public enum Outcome {
        /** a new lead */
        CREATED,
        /** a new lead, recorded as a suspected duplicate because its source's policy flags them */
        FLAGGED,
        /** no new lead: the submission filled the blanks of an existing one */
        MERGED
    }

    public boolean merged() {
        return outcome == Outcome.MERGED;
    }
}
