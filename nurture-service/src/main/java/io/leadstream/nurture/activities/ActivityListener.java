package io.leadstream.nurture.activities;

import io.smallrye.mutiny.Uni;

/**
 * A feature that acts on what happens with a lead (drip sequences stop when the lead replies), told in the transaction
 * that records each activity logged by a rep or an integration or coming from capture's inquiries (not the activities
 * of nurture's own messages): a failure rolls the activity back.
 */
public interface ActivityListener {

    Uni<Void> recorded(Activity activity);
}
