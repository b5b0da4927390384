package io.leadstream.capture.consent;

import io.leadstream.capture.model.ConsentChannel;

/** A grant or a withdrawal to record in a lead's ledger: for what, over which channel, and its proof. */
public record RecordConsent(String purpose, ConsentChannel channel, ConsentStatus status, ConsentProof proof) {
}
