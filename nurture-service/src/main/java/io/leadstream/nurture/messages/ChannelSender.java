package io.leadstream.nurture.messages;

import io.smallrye.mutiny.Uni;
import io.leadstream.nurture.templates.Channel;

/**
 * A way out to people: email over SMTP, WhatsApp through a Cloud API–compatible service, SMS through an HTTP gateway
 * (adapters in {@code channels}). An adapter fails with {@link ChannelUnavailableException} when the channel cannot
 * take the message now (timeouts, 5xx, too many requests after its retries, an open circuit breaker: the message may
 * be sent later; {@link ChannelNotConfiguredException} when the channel is not set up at all) and with
 * {@link RecipientRejectedException} when it never will (an invalid number or address, a refused request).
 */
public interface ChannelSender {

    Channel channel();

    Uni<Delivery> send(Outgoing message);

    /**
     * Whether the channel is set up on this installation; when not, {@link #send} fails with
     * {@link ChannelNotConfiguredException} without calling anyone.
     */
    default boolean configured() {
        return true;
    }
}
