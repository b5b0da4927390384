package io.leadstream.capture.channels.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.capture.channels.WhatsAppInbox;

/**
 * What a WhatsApp webhook delivery did, message by message: Meta only needs the 200, the counts help whoever
 * replays a delivery by hand. {@code ignored} are messages that are not inquiries (type {@code system}).
 */
@Schema(name = "WhatsAppReceipt")
public record WhatsAppReceipt(int messages, int leads, int inquiries, int duplicates, int rejected, int ignored) {

    public static WhatsAppReceipt of(WhatsAppInbox.Delivery delivery) {
        return new WhatsAppReceipt(delivery.messages(), delivery.leads(), delivery.inquiries(), delivery.duplicates(),
                delivery.rejected(), delivery.ignored());
    }
}
