package io.leadstream.nurture.channels.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.nurture.templates.Channel;
import io.leadstream.nurture.messages.ChannelUnavailableException;
import io.leadstream.nurture.messages.Delivery;
import io.leadstream.nurture.messages.Outgoing;
import io.leadstream.nurture.messages.RecipientRejectedException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The WhatsApp adapter against a real HTTP server standing in for the Cloud API (WireMock): what is sent, what each
 * answer becomes, what is retried and what the circuit breaker keeps away. %test: 2 retries 10 ms apart, 2 s per
 * attempt, a timed-out attempt not retried, the circuit judging the last 10 attempts.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(ChannelStubs.class)
class WhatsAppSenderTest {

    static final String PATH = "/v21.0/" + ChannelStubs.PHONE_NUMBER_ID + "/messages";

    @Inject
    WhatsAppSender sender;
    @Inject
    CircuitBreakerMaintenance circuitBreakers;
    @Inject
    Vertx vertx;

    WireMockServer cloudApi;

    @BeforeEach
    void freshApi() {
        cloudApi = ChannelStubs.server();
        cloudApi.resetAll();
        circuitBreakers.resetAll();
    }

    private static Outgoing message(String to, String text) {
        return new Outgoing(UUID.randomUUID(), UUID.randomUUID(), Channel.WHATSAPP, to, "Ada Lovelace", null, null,
                text, Map.of());
    }

    private Delivery send(Outgoing message) {
        return sender.send(message).await().atMost(Duration.ofSeconds(30));
    }

    private Throwable failure(Outgoing message) {
        return catchThrowable(() -> send(message));
    }

    private int calls() {
        return cloudApi.findAll(postRequestedFor(urlEqualTo(PATH))).size();
    }

    @Test
    void shouldPostATextMessageWithTheTokenAndReturnTheWamid() {
        cloudApi.stubFor(post(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer " + ChannelStubs.ACCESS_TOKEN))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("""
                        {"messaging_product":"whatsapp","recipient_type":"individual","to":"4915112345678",
                         "type":"text","text":{"preview_url":false,"body":"Hello Ada, see https://example.com/x"}}"""))
                .willReturn(okJson("""
                        {"messaging_product":"whatsapp","contacts":[{"input":"4915112345678","wa_id":"4915112345678"}],
                         "messages":[{"id":"wamid.HBgLNDkxNTExMjM0NTY3OBUCABEYEjQ1"}]}""")));

        Delivery delivery = send(message("+4915112345678", "Hello Ada, see https://example.com/x"));

        assertThat(delivery.providerMessageId()).isEqualTo("wamid.HBgLNDkxNTExMjM0NTY3OBUCABEYEjQ1");
        assertThat(delivery.acceptedAt()).isNotNull();
        assertThat(calls()).isEqualTo(1);
        assertThat(sender.configured()).isTrue();
        assertThat(sender.channel()).isEqualTo(Channel.WHATSAPP);
    }

    @Test
    void shouldRejectWithoutRetryWhenTheApiRefusesTheMessage() {
        cloudApi.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"error":{"message":"(#131026) Message undeliverable","type":"OAuthException","code":131026,
                         "error_data":{"messaging_product":"whatsapp","details":"Receiver is incapable of receiving this message"},
                         "fbtrace_id":"AbCd"}}""")));

        Throwable failure = failure(message("+4915112345678", "Hello"));

        assertThat(failure).isInstanceOf(RecipientRejectedException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("(#131026) Message undeliverable")
                .hasMessageContaining("Receiver is incapable of receiving this message");
        assertThat(((RecipientRejectedException) failure).channel()).isEqualTo(Channel.WHATSAPP);
        assertThat(calls()).as("a refusal is not retried").isEqualTo(1);
    }

    @Test
    void shouldSucceedAfterRetryingTwoServerErrors() {
        cloudApi.stubFor(post(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(serviceUnavailable()).willSetStateTo("failed once"));
        cloudApi.stubFor(post(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("failed once")
                .willReturn(serviceUnavailable()).willSetStateTo("failed twice"));
        cloudApi.stubFor(post(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("failed twice")
                .willReturn(okJson("{\"messages\":[{\"id\":\"wamid.third\"}]}")));

        Delivery delivery = send(message("+4915112345678", "Hello"));

        assertThat(delivery.providerMessageId()).isEqualTo("wamid.third");
        assertThat(calls()).as("the first attempt and two retries").isEqualTo(3);
    }

    @Test
    void shouldBeUnavailableAfterRetryingWhenServerErrorsPersist() {
        cloudApi.stubFor(post(urlEqualTo(PATH)).willReturn(serviceUnavailable()));

        Throwable failure = failure(message("+4915112345678", "Hello"));

        assertThat(failure).isInstanceOf(ChannelUnavailableException.class)
                .hasMessage("the WhatsApp Cloud API answered HTTP 503");
        assertThat(calls()).isEqualTo(3);
    }

    @Test
    void shouldWaitOutAShortRetryAfterAndSendAgain() {
        cloudApi.stubFor(post(urlEqualTo(PATH)).inScenario("throttled").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("waited"));
        cloudApi.stubFor(post(urlEqualTo(PATH)).inScenario("throttled").whenScenarioStateIs("waited")
                .willReturn(okJson("{\"messages\":[{\"id\":\"wamid.after-wait\"}]}")));

        Delivery delivery = send(message("+4915112345678", "Hello"));

        assertThat(delivery.providerMessageId()).isEqualTo("wamid.after-wait");
        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void shouldGiveUpAtOnceWhenRetryAfterIsLongerThanTheAdapterWaits() {
        cloudApi.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

        Throwable failure = failure(message("+4915112345678", "Hello"));

        assertThat(failure).isInstanceOf(ChannelUnavailableException.class);
        assertThat(((ChannelUnavailableException) failure).retryAfter()).contains(Duration.ofHours(1));
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    void shouldBeUnavailableWithoutRetryWhenTheApiThrottlesWithAGraphCode() {
        cloudApi.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"(#130429) Rate limit hit\",\"type\":\"OAuthException\",\"code\":130429}}")));

        Throwable failure = failure(message("+4915112345678", "Hello"));

        assertThat(failure).isInstanceOf(ChannelUnavailableException.class).hasMessageContaining("Rate limit hit");
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    void shouldBeUnavailableWithoutRetryWhenTheTokenIsRefused() {
        cloudApi.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Error validating access token\",\"type\":\"OAuthException\",\"code\":190}}")));

        Throwable failure = failure(message("+4915112345678", "Hello"));

        assertThat(failure).isInstanceOf(ChannelUnavailableException.class)
                .hasMessageContaining("refused our credentials (HTTP 401)");
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    void shouldBeUnavailableWithoutRetryWhenTheApiAnswersTooLate() {
        cloudApi.stubFor(post(urlEqualTo(PATH))
                .willReturn(okJson("{\"messages\":[{\"id\":\"wamid.late\"}]}").withFixedDelay(6_000))); // attempt: 2 s

        Throwable failure = failure(message("+4915112345678", "Hello"));

        assertThat(failure).isInstanceOf(ChannelUnavailableException.class)
                .hasMessage("no answer from the WhatsApp Cloud API within 2000 ms");
        assertThat(calls()).as("the Cloud API takes no idempotency key: a timed-out request may have been delivered")
                .isEqualTo(1);
    }

    @Test
    void shouldStopCallingAFailingApiWhileTheCircuitIsOpen() {
        cloudApi.stubFor(post(urlEqualTo(PATH)).willReturn(serviceUnavailable()));
        Throwable last = null;
        for (int send = 0; send < 10 && !circuitOpen(last); send++) {
            last = failure(message("+4915112345678", "Hello"));
        }
        assertThat(circuitOpen(last)).as("circuit open after repeated failures, last failure %s", last).isTrue();
        int callsBeforeOpen = calls();
        assertThat(callsBeforeOpen).isGreaterThanOrEqualTo(10);

        // the API is healthy again, but while the circuit is open it is not asked
        cloudApi.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{\"messages\":[{\"id\":\"wamid.ok\"}]}")));
        Throwable whileOpen = failure(message("+4915112345678", "Hello"));

        assertThat(whileOpen).isInstanceOf(ChannelUnavailableException.class)
                .hasMessageContaining("circuit breaker open");
        assertThat(calls()).isEqualTo(callsBeforeOpen);
    }

    private static boolean circuitOpen(Throwable failure) {
        return failure instanceof ChannelUnavailableException && failure.getMessage().contains("circuit breaker open");
    }

    @Test
    void shouldAnswerOnTheCallersVertxContextEvenAfterARetry() throws Exception {
        cloudApi.stubFor(post(urlEqualTo(PATH)).inScenario("retried").whenScenarioStateIs(STARTED)
                .willReturn(serviceUnavailable()).willSetStateTo("failed once"));
        cloudApi.stubFor(post(urlEqualTo(PATH)).inScenario("retried").whenScenarioStateIs("failed once")
                .willReturn(okJson("{\"messages\":[{\"id\":\"wamid.second\"}]}")));
        Context caller = vertx.getOrCreateContext();
        CompletableFuture<Context> answeredOn = new CompletableFuture<>();

        caller.runOnContext(ignored -> sender.send(message("+4915112345678", "Hello")).subscribe().with(
                delivery -> answeredOn.complete(Vertx.currentContext()), answeredOn::completeExceptionally));

        assertThat(answeredOn.get(30, TimeUnit.SECONDS)).as("a caller's reactive session stays usable").isSameAs(caller);
        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void shouldFailOnTheCallersVertxContextWhenTheApiAnswersTooLate() throws Exception {
        cloudApi.stubFor(post(urlEqualTo(PATH))
                .willReturn(okJson("{\"messages\":[{\"id\":\"wamid.late\"}]}").withFixedDelay(6_000)));
        Context caller = vertx.getOrCreateContext();
        CompletableFuture<Context> failedOn = new CompletableFuture<>();

        caller.runOnContext(ignored -> sender.send(message("+4915112345678", "Hello")).subscribe().with(
                delivery -> failedOn.completeExceptionally(new AssertionError("delivered " + delivery)),
                failure -> failedOn.complete(Vertx.currentContext())));

        assertThat(failedOn.get(30, TimeUnit.SECONDS)).as("the timeout fires on a timer thread; the answer does not")
                .isSameAs(caller);
    }

    @Test
    void shouldRejectANumberThatIsNotE164WithoutCallingTheApi() {
        Throwable failure = failure(message("0151 12345678", "Hello"));

        assertThat(failure).isInstanceOf(RecipientRejectedException.class).hasMessageContaining("not an E.164");
        cloudApi.verify(0, anyRequestedFor(anyUrl()));
    }
}
