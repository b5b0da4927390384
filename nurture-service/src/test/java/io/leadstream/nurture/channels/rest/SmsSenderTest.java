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

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.nurture.templates.Channel;
import io.leadstream.nurture.messages.ChannelUnavailableException;
import io.leadstream.nurture.messages.Delivery;
import io.leadstream.nurture.messages.Outgoing;
import io.leadstream.nurture.messages.RecipientRejectedException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * The SMS adapter against a real HTTP server standing in for the gateway (WireMock, base URL {@code …/sms}): the
 * request as README "Channels" defines it, the answers, retries with one Idempotency-Key, the circuit breaker.
 * %test: 2 retries 10 ms apart, 2 s per attempt, a timed-out attempt retried, the circuit judging the last 10 attempts.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(ChannelStubs.class)
class SmsSenderTest {

    static final String PATH = "/sms/messages";

    @Inject
    SmsSender sender;
    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    WireMockServer gateway;

    @BeforeEach
    void freshGateway() {
        gateway = ChannelStubs.server();
        gateway.resetAll();
        circuitBreakers.resetAll();
    }

    private static Outgoing message(UUID messageId, String to, String text) {
        return new Outgoing(messageId, UUID.randomUUID(), Channel.SMS, to, "Ada Lovelace", null, null, text, Map.of());
    }

    private static Outgoing message(String to) {
        return message(UUID.randomUUID(), to, "Hello");
    }

    private Delivery send(Outgoing message) {
        return sender.send(message).await().atMost(Duration.ofSeconds(30));
    }

    private Throwable failure(Outgoing message) {
        return catchThrowable(() -> send(message));
    }

    private int calls() {
        return gateway.findAll(postRequestedFor(urlEqualTo(PATH))).size();
    }

    @Test
    void shouldPostTheMessageWithKeyIdempotencyKeyAndReferenceAndReturnTheGatewaysId() {
        UUID messageId = UUID.randomUUID();
        gateway.stubFor(post(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer " + ChannelStubs.SMS_API_KEY))
                .withHeader("Idempotency-Key", equalTo(messageId.toString()))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("""
                        {"to":"+40721234567","from":"Leadstream","text":"Bună ziua, Ada!","reference":"%s"}"""
                        .formatted(messageId)))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":\"SM-0001\",\"status\":\"queued\"}")));

        Delivery delivery = send(message(messageId, "+40721234567", "Bună ziua, Ada!"));

        assertThat(delivery.providerMessageId()).isEqualTo("SM-0001");
        assertThat(delivery.acceptedAt()).isNotNull();
        assertThat(calls()).isEqualTo(1);
        assertThat(sender.configured()).isTrue();
        assertThat(sender.channel()).isEqualTo(Channel.SMS);
    }

    @Test
    void shouldRejectWithoutRetryWhenTheGatewayRefusesTheNumber() {
        gateway.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"invalid number\"}")));

        Throwable failure = failure(message("+40721234567"));

        assertThat(failure).isInstanceOf(RecipientRejectedException.class)
                .hasMessage("the SMS gateway refused the message (HTTP 400)");
        assertThat(calls()).as("a refusal is not retried").isEqualTo(1);
    }

    @Test
    void shouldSucceedAfterRetryingTwoServerErrorsUnderOneIdempotencyKey() {
        UUID messageId = UUID.randomUUID();
        gateway.stubFor(post(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(serviceUnavailable()).willSetStateTo("failed once"));
        gateway.stubFor(post(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(502)).willSetStateTo("failed twice"));
        gateway.stubFor(post(urlEqualTo(PATH)).inScenario("flaky").whenScenarioStateIs("failed twice")
                .willReturn(okJson("{\"id\":\"SM-0003\"}")));

        Delivery delivery = send(message(messageId, "+40721234567", "Hello"));

        assertThat(delivery.providerMessageId()).isEqualTo("SM-0003");
        assertThat(gateway.findAll(postRequestedFor(urlEqualTo(PATH))))
                .as("the first attempt and two retries, all the same message to the gateway").hasSize(3)
                .extracting((LoggedRequest request) -> request.getHeader("Idempotency-Key"))
                .containsOnly(messageId.toString());
    }

    @Test
    void shouldBeUnavailableAfterRetryingWhenServerErrorsPersist() {
        gateway.stubFor(post(urlEqualTo(PATH)).willReturn(serviceUnavailable()));

        Throwable failure = failure(message("+40721234567"));

        assertThat(failure).isInstanceOf(ChannelUnavailableException.class)
                .hasMessage("the SMS gateway answered HTTP 503");
        assertThat(((ChannelUnavailableException) failure).channel()).isEqualTo(Channel.SMS);
        assertThat(calls()).isEqualTo(3);
    }

    @Test
    void shouldRetryATimedOutAttemptAndThenBeUnavailable() {
        gateway.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{\"id\":\"SM-late\"}").withFixedDelay(6_000)));

        Throwable failure = failure(message("+40721234567"));

        assertThat(failure).isInstanceOf(ChannelUnavailableException.class)
                .hasMessage("no answer from the SMS gateway within 2000 ms");
        assertThat(calls()).as("safe to repeat: the gateway de-duplicates on the Idempotency-Key").isEqualTo(3);
    }

    @Test
    void shouldStopCallingAFailingGatewayWhileTheCircuitIsOpen() {
        gateway.stubFor(post(urlEqualTo(PATH)).willReturn(serviceUnavailable()));
        Throwable last = null;
        for (int send = 0; send < 10 && !circuitOpen(last); send++) {
            last = failure(message("+40721234567"));
        }
        assertThat(circuitOpen(last)).as("circuit open after repeated failures, last failure %s", last).isTrue();
        int callsBeforeOpen = calls();
        assertThat(callsBeforeOpen).isGreaterThanOrEqualTo(10);

        gateway.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{\"id\":\"SM-ok\"}")));
        Throwable whileOpen = failure(message("+40721234567"));

        assertThat(whileOpen).isInstanceOf(ChannelUnavailableException.class)
                .hasMessageContaining("circuit breaker open");
        assertThat(calls()).isEqualTo(callsBeforeOpen);
    }

    private static boolean circuitOpen(Throwable failure) {
        return failure instanceof ChannelUnavailableException && failure.getMessage().contains("circuit breaker open");
    }

    @Test
    void shouldNotHoldARefusedMessageAgainstTheGateway() {
        gateway.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(422)));
        for (int send = 0; send < 12; send++) {
            assertThat(failure(message("+40721234567"))).isInstanceOf(RecipientRejectedException.class);
        }

        gateway.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{\"id\":\"SM-still-open\"}")));

        assertThat(send(message("+40721234567")).providerMessageId()).isEqualTo("SM-still-open");
        assertThat(calls()).isEqualTo(13);
    }

    @Test
    void shouldRejectANumberThatIsNotE164WithoutCallingTheGateway() {
        Throwable failure = failure(message("+0721234567"));

        assertThat(failure).isInstanceOf(RecipientRejectedException.class).hasMessageContaining("not an E.164");
        gateway.verify(0, anyRequestedFor(anyUrl()));
    }
}
