package io.leadstream.distribution.shares.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.distribution.shares.ContactDetails;
import io.leadstream.distribution.shares.PartnerShare;
import io.leadstream.distribution.shares.Shares;

/** The share endpoints' response records. */
public final class ShareViews {

    private ShareViews() {
    }

    /** A share as a manager sees it. */
    @Schema(name = "Share")
    public record ShareView(UUID shareId, UUID leadId, String partnerId,
            @Schema(enumeration = { "OFFERED", "ACCEPTED", "DECLINED", "RECALLED" }) String state,
            List<String> fields, @Schema(nullable = true) String note,
            @Schema(nullable = true, description = "the manager who shared it; null: a rule did") String sharedBy,
            @Schema(nullable = true, description = "the rule that shared it; null: a manager did") String rule,
            Instant sharedAt, Instant deadline) {

        static ShareView of(PartnerShare s) {
            return new ShareView(s.shareId, s.leadId, s.partnerId, s.state, s.fields.items(), s.note, s.sharedBy,
                    s.ruleName, s.sharedAt, s.deadline);
        }
    }

    /** A shared lead as the partner sees it. */
    @Schema(name = "PartnerInboxItem")
    public record InboxItem(UUID leadId,
            @Schema(enumeration = { "OFFERED", "ACCEPTED", "DECLINED", "RECALLED" }) String state,
            @Schema(description = "the facts shared, by name (products, segment, country, …); empty once the share "
                    + "was declined or recalled") Map<String, Object> facts,
            @Schema(nullable = true) String note,
            Instant sharedAt,
            @Schema(description = "accept by then, or the lead is recalled") Instant deadline,
            @Schema(nullable = true) Instant answeredAt,
            @Schema(nullable = true, description = "why the share closed: DECLINED, DEADLINE, REASSIGNED or MERGED; "
                    + "null while offered or accepted") String closeReason,
            @Schema(nullable = true, description = "the lead's contact details, only once accepted (null when capture "
                    + "cannot give them right now: read the item again)") ContactView contact) {

        static InboxItem of(Shares.Offer o, ContactDetails.Contact contact) {
            PartnerShare s = o.share();
            return new InboxItem(s.leadId, s.state, o.facts(), s.note, s.sharedAt, s.deadline, s.answeredAt,
                    s.closeReason, contact == null ? null : new ContactView(contact.firstName(), contact.lastName(),
                            contact.email(), contact.phone(), contact.company()));
        }
    }

    @Schema(name = "PartnerContact")
    public record ContactView(@Schema(nullable = true) String firstName, @Schema(nullable = true) String lastName,
            @Schema(nullable = true) String email, @Schema(nullable = true) String phone,
            @Schema(nullable = true) String company) {
    }

    @Schema(name = "PartnerInbox")
    public record InboxPage(List<InboxItem> items,
            @Schema(nullable = true, description = "pass as offset for the next page; null on the last")
            Integer nextOffset) {
    }
}
