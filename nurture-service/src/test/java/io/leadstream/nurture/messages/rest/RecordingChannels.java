package io.leadstream.nurture.messages.rest;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.nurture.templates.Channel;
import io.leadstream.nurture.messages.ChannelSender;
import io.leadstream.nurture.messages.ChannelUnavailableException;
import io.leadstream.nurture.messages.Delivery;
import io.leadstream.nurture.messages.Outgoing;
import io.leadstream.nurture.messages.RecipientRejectedException;
import io.smallrye.mutiny.Uni;

/**
 * Channels that record what they are handed instead of reaching a person (the sending rules are under test here; the
 * adapters have their own tests against WireMock and SMTP). A test may make the next send fail.
 */
public final class RecordingChannels {

    /** Everything handed to any channel, in order. */
    public static final List<Outgoing> SENT = new CopyOnWriteArrayList<>();
    /** The failure the next send ends in (then cleared); null: it succeeds. */
    public static volatile RuntimeException nextFailure;

    private RecordingChannels() {
    }

    public static RuntimeException unavailable(Channel channel) {
        return new ChannelUnavailableException(channel, "the provider answered 503", null);
    }

    public static RuntimeException rejected(Channel channel) {
        return new RecipientRejectedException(channel, "the number is not on WhatsApp");
    }

    abstract static class Recording implements ChannelSender {
        @Override
        public Uni<Delivery> send(Outgoing message) {
            RuntimeException failure = nextFailure;
            nextFailure = null;
            if (failure != null) {
                return Uni.createFrom().failure(failure);
            }
            SENT.add(message);
            return Uni.createFrom().item(new Delivery(channel() == Channel.EMAIL ? null : "provider-" + SENT.size(),
                    Instant.now()));
        }
    }

    @ApplicationScoped
    public static class Email extends Recording {
        @Override
        public Channel channel() {
            return Channel.EMAIL;
        }
    }

    @ApplicationScoped
    public static class WhatsApp extends Recording {
        @Override
        public Channel channel() {
            return Channel.WHATSAPP;
        }
    }

    @ApplicationScoped
    public static class Sms extends Recording {
        @Override
        public Channel channel() {
            return Channel.SMS;
        }
    }
}
