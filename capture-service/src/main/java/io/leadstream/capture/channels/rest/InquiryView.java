package io.leadstream.capture.channels.rest;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.leadstream.capture.channels.InboundContacts;

/**
 * What an inquiry channel did with a contact (a call, a Google Ads lead): the lead it created ({@code CREATED}), was
 * merged into by de-duplication ({@code MERGED}) or was logged on as an inquiry ({@code INQUIRY}), and the id of
 * the recorded contact (the {@code inquiryId} of its lead.inquired event). {@code duplicate} is true when the
 * contact's id (Google's lead_id, the call's callId) had been received before: nothing new was stored.
 */
@Schema(name = "InquiryView")
public record InquiryView(@JsonInclude(JsonInclude.Include.NON_NULL) UUID leadId, InboundContacts.Outcome outcome,
        UUID inquiryId, boolean duplicate) {

    public static InquiryView of(InboundContacts.Recorded recorded) {
        return new InquiryView(recorded.leadId(), recorded.outcome(), recorded.id(), !recorded.fresh());
    }

    /** The contact as recorded, without the lead it was recorded on (for a caller who may not see that lead). */
    public static InquiryView withoutLead(InboundContacts.Recorded recorded) {
        return new InquiryView(null, recorded.outcome(), recorded.id(), !recorded.fresh());
    }
}
