package io.leadstream.distribution.shares.rest;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A manager shares a lead with a partner company. Checked by {@code Shares}, which names each bad field. */
@Schema(name = "ShareRequest")
public record ShareRequest(
        @Schema(required = true, format = "uuid") UUID leadId,
        @Schema(required = true, description = "the partner company's id (the partner_id its tokens carry)",
                examples = "acme") String partnerId,
        @Schema(nullable = true, description = "ISO-8601 duration the partner has to accept; default "
                + "leadstream.distribution.share.accept-within (48 h), between min- and max-accept-within",
                examples = "PT72H") String acceptWithin,
        @Schema(nullable = true, description = "the lead facts the partner sees before accepting: products, segment, "
                + "country, source, channel, campaign, language, score, grade, qualified; default "
                + "leadstream.distribution.share.fields") List<String> fields,
        @Schema(nullable = true, maxLength = 500, description = "a note to the partner") String note) {
}
