package io.leadstream.capture.partner.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a partner's own submissions, newest first; {@code nextCursor} is null on the last page. */
@Schema(name = "PartnerLeadPage")
public record PartnerLeadPage(List<PartnerLeadView> items, @Schema(nullable = true) String nextCursor) {
}
