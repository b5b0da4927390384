package io.leadstream.nurture.channels.rest;

import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.leadstream.nurture.templates.Channel;
import io.leadstream.nurture.messages.ChannelNotConfiguredException;
import io.leadstream.nurture.messages.ChannelSender;
import io.leadstream.nurture.messages.Delivery;
import io.leadstream.nurture.messages.Outgoing;
import io.leadstream.nurture.messages.RecipientRejectedException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;

/**
 * SMS through the HTTP SMS gateway: {@code POST <base-url>/messages} with the API key as bearer token and nurture's
 * message id as {@code Idempotency-Key} and {@code reference}, so that a retried attempt is the same message to the
 * gateway; the answer's {@code id} is the delivery's id. Guarded by {@link HttpGuard} with the
 * {@code leadstream.nurture.sms.*} settings.
 */
@ApplicationScoped
public class SmsSender implements ChannelSender {

    static final String NAME = "sms";
    private static final String PROVIDER = "the SMS gateway";
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final SmsGatewayClient client;
    private final SmsConfig config;
    private final Clock clock;
    private final TypedGuard<Uni<Delivery>> guard;

    public SmsSender(@RestClient SmsGatewayClient client, SmsConfig config, Clock clock) {
        this.client = client;
        this.config = config;
        this.clock = clock;
        this.guard = configured() ? HttpGuard.create(NAME, config) : null;
    }

    void report(@Observes StartupEvent start) {
        if (configured()) {
            Log.infof("SMS channel on: gateway %s, sender %s", config.baseUrl().orElseThrow(),
                    config.sender().orElseThrow());
        } else {
            Log.infof("SMS channel not configured (leadstream.nurture.sms.base-url, api-key and sender)");
        }
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public boolean configured() {
        return present(config.baseUrl()) && present(config.apiKey()) && present(config.sender());
    }

    @Override
    public Uni<Delivery> send(Outgoing message) {
        if (!configured()) {
            return Uni.createFrom().failure(new ChannelNotConfiguredException(Channel.SMS,
                    "SMS is not configured: set leadstream.nurture.sms.base-url, leadstream.nurture.sms.api-key and "
                            + "leadstream.nurture.sms.sender"));
        }
        String number = message.to() == null ? "" : message.to().strip();
        if (!E164.matcher(number).matches()) {
            return Uni.createFrom().failure(new RecipientRejectedException(Channel.SMS,
                    "not an E.164 phone number: '" + number + "'"));
        }
        String reference = message.messageId().toString();
        SmsGatewayClient.Text body = new SmsGatewayClient.Text(number, config.sender().orElseThrow().strip(),
                message.text(), reference);
        String authorization = "Bearer " + config.apiKey().orElseThrow().strip();
        return Uni.createFrom().deferred(() -> guard.get(() -> client.send(authorization, reference, body)
                .ifNoItem().after(config.timeout())
                .failWith(() -> new HttpFailure(HttpFailure.Kind.TIMEOUT, "no answer from " + PROVIDER + " within "
                        + config.timeout().toMillis() + " ms", null, null))
                .onFailure().transform(failure -> HttpFailure.of(failure, PROVIDER, config.retry().maxRetryAfter(),
                        clock, null))
                .map(accepted -> new Delivery(accepted == null ? null : accepted.id(), clock.instant()))))
                .onFailure().transform(failure -> HttpFailure.toPort(failure, Channel.SMS, PROVIDER));
    }

    private static boolean present(Optional<String> value) {
        return value.isPresent() && !value.get().isBlank();
    }
}
