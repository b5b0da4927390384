package io.leadstream.capture.leads.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a lead search; {@code nextCursor} is null on the last page. */
@Schema(name = "LeadPage")
public record LeadPage(List<LeadView> items, @Schema(nullable = true) String nextCursor) {
}
