package io.leadstream.capture.service;

import java.time.Instant;

import io.leadstream.capture.Lead;
import io.smallrye.mutiny.Uni;

/**
 * How a channel answers a submission once it is stored. Runs inside the capture transaction, after the lead (or
 * the merge) and its outbox event: whatever it writes commits with them, and the {@link Reply} it returns is the
 * answer an {@code Idempotency-Key} stores and replays. {@code POST /api/leads} answers with the lead itself; the
 * partner API answers with the partner's own submission only, never the lead it was merged into.
 */
public interface Receipt {

    /** A new lead was stored (also when flagged as a suspected duplicate). */
    Uni<Reply> created(Lead lead, NormalisedContact contact, Instant now);

    /** The submission was merged into {@code merge.survivor()}, an existing lead. */
    Uni<Reply> merged(Deduplication.Merge merge, NormalisedContact contact, Instant now);
}
