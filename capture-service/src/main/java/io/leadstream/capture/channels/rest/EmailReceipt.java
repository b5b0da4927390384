package io.leadstream.capture.channels.rest;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.capture.channels.EmailInbox;
import io.leadstream.capture.channels.InboundContacts;

/**
 * What a delivered mail came to: a new lead ({@code LEAD}), an inquiry on a known lead ({@code INQUIRY}), a message
 * received before ({@code DUPLICATE}: nothing new stored), machine traffic ({@code IGNORED}), or a mail that could not
 * become a lead ({@code REJECTED}, recorded so that it is not tried again); {@code inquiryId} is the recorded contact
 * (the lead.inquired event's id for a lead or an inquiry). The lead itself is not named: the caller holds a webhook
 * secret, not a right to read leads.
 */
@Schema(name = "EmailReceipt")
public record EmailReceipt(InboundContacts.Handled outcome, UUID inquiryId) {

    static EmailReceipt of(EmailInbox.Receipt receipt) {
        return new EmailReceipt(receipt.handled(), receipt.inquiryId());
    }
}
