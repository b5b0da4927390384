package io.leadstream.capture.erasure.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.capture.model.Lead;

/** The answer to an erasure: which lead, and when its personal data was erased. */
@Schema(name = "Erasure")
public record ErasureView(UUID leadId, Instant erasedAt) {

    public static ErasureView of(Lead lead) {
        return new ErasureView(lead.id, lead.erasedAt);
    }
}
