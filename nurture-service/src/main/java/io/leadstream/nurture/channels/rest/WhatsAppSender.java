package io.leadstream.nurture.channels.rest;

import java.time.Clock;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
 * WhatsApp text messages through the Cloud API (or a service that speaks it):
 * {@code POST <base-url>/<api-version>/<phone-number-id>/messages} with the access token as bearer token; the answer's
 * {@code wamid…} is the delivery's id. Guarded by {@link HttpGuard} with the {@code leadstream.nurture.whatsapp.*}
 * settings. Besides the HTTP status, the Graph API's error {@code code} decides a 4xx: throttling codes (4, 80007,
 * 130429, 131048, 131056) and token or permission codes (0, 3, 10, 190, 200–299) make the channel unavailable,
 * temporary ones (1, 2, 131000, 131016) are retried, every other refusal rejects the message.
 */
@ApplicationScoped
public class WhatsAppSender implements ChannelSender {

    static final String NAME = "whatsapp";
    private static final String PROVIDER = "the WhatsApp Cloud API";
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Set<Integer> THROTTLED = Set.of(4, 80007, 130429, 131048, 131056);
    private static final Set<Integer> TEMPORARY = Set.of(1, 2, 131000, 131016);
    private static final Set<Integer> CREDENTIALS = Set.of(0, 3, 10, 190);

    private final WhatsAppClient client;
    private final WhatsAppConfig config;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final TypedGuard<Uni<Delivery>> guard;

    public WhatsAppSender(@RestClient WhatsAppClient client, WhatsAppConfig config, ObjectMapper mapper, Clock clock) {
        this.client = client;
        this.config = config;
        this.mapper = mapper;
        this.clock = clock;
        this.guard = configured() ? HttpGuard.create(NAME, config) : null;
    }

    void report(@Observes StartupEvent start) {
        if (configured()) {
            Log.infof("WhatsApp channel on: %s, API %s, phone number id %s", config.baseUrl(), config.apiVersion(),
                    config.phoneNumberId().orElseThrow());
        } else {
            Log.infof("WhatsApp channel not configured (leadstream.nurture.whatsapp.phone-number-id and access-token)");
        }
    }

    @Override
    public Channel channel() {
        return Channel.WHATSAPP;
    }

    @Override
    public boolean configured() {
        return present(config.phoneNumberId()) && present(config.accessToken());
    }

    @Override
    public Uni<Delivery> send(Outgoing message) {
        if (!configured()) {
            return Uni.createFrom().failure(new ChannelNotConfiguredException(Channel.WHATSAPP,
                    "WhatsApp is not configured: set leadstream.nurture.whatsapp.phone-number-id and "
                            + "leadstream.nurture.whatsapp.access-token"));
        }
        String number = message.to() == null ? "" : message.to().strip();
        if (!E164.matcher(number).matches()) {
            return Uni.createFrom().failure(new RecipientRejectedException(Channel.WHATSAPP,
                    "not an E.164 phone number: '" + number + "'"));
        }
        WhatsAppClient.Text body = WhatsAppClient.Text.to(number.substring(1), message.text());
        String authorization = "Bearer " + config.accessToken().orElseThrow().strip();
        return Uni.createFrom().deferred(() -> guard.get(() -> client
                .send(config.apiVersion(), config.phoneNumberId().orElseThrow().strip(), authorization, body)
                .ifNoItem().after(config.timeout())
                .failWith(() -> new HttpFailure(HttpFailure.Kind.TIMEOUT, "no answer from " + PROVIDER + " within "
                        + config.timeout().toMillis() + " ms", null, null))
                .onFailure().transform(this::judge)
                .map(accepted -> new Delivery(accepted == null ? null : accepted.id(), clock.instant()))))
                .onFailure().transform(failure -> HttpFailure.toPort(failure, Channel.WHATSAPP, PROVIDER));
    }

    /** The generic reading, refined by the Graph API error's code where a 4xx carries one. */
    HttpFailure judge(Throwable failure) {
        GraphError error = failure instanceof WebApplicationException http ? graphError(http) : null;
        HttpFailure generic = HttpFailure.of(failure, PROVIDER, config.retry().maxRetryAfter(), clock,
                error == null ? null : error.describe());
        if (error == null || error.code == null || generic.kind == HttpFailure.Kind.TRANSIENT) {
            return generic;
        }
        int code = error.code;
        if (TEMPORARY.contains(code)) {
            return new HttpFailure(HttpFailure.Kind.TRANSIENT, generic.getMessage(), generic.retryAfter, failure);
        }
        if (THROTTLED.contains(code) || CREDENTIALS.contains(code) || code >= 200 && code <= 299) {
            return new HttpFailure(HttpFailure.Kind.UNAVAILABLE, generic.getMessage(), generic.retryAfter, failure);
        }
        return generic;
    }

    private GraphError graphError(WebApplicationException http) {
        try {
            if (http.getResponse() == null || !http.getResponse().hasEntity()) {
                return null;
            }
            String body = http.getResponse().readEntity(String.class);
            JsonNode error = mapper.readTree(body).path("error");
            if (error.isMissingNode()) {
                return null;
            }
            Integer code = error.path("code").canConvertToInt() ? error.path("code").asInt() : null;
            String details = error.path("error_data").path("details").asText(null);
            return new GraphError(code, error.path("message").asText(null), details);
        } catch (RuntimeException | java.io.IOException unreadable) {
            return null;
        }
    }

    private record GraphError(Integer code, String message, String details) {

        String describe() {
            StringBuilder sb = new StringBuilder();
            sb.append(message == null ? "error " + code : message);
            if (details != null && !details.isBlank()) {
                sb.append(" (").append(details).append(')');
            }
            String text = sb.toString();
            return text.length() > 300 ? text.substring(0, 300) + "…" : text;
        }
    }

    private static boolean present(java.util.Optional<String> value) {
        return value.isPresent() && !value.get().isBlank();
    }
}
