package io.leadstream.nurture.sequences.rest;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** POST /api/leads/{leadId}/enrolments' body. */
@Schema(name = "EnrolRequest")
public record EnrolRequest(@Schema(description = "the sequence (GET /api/sequences)", format = "uuid") UUID sequenceId) {
}
