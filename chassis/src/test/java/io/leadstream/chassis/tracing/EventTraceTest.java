package io.leadstream.chassis.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.leadstream.chassis.inbox.EventDispatcher;
import io.leadstream.chassis.inbox.EventHandlers;
import io.leadstream.chassis.outbox.Outbox;
import io.leadstream.chassis.outbox.OutboxRelay;
import io.leadstream.chassis.support.ItemCreated;
import io.leadstream.chassis.testing.KafkaResource;
import io.leadstream.chassis.testing.PostgresResource;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * One trace follows a lead across services, through the outbox and Kafka: a request records an event in its span's
 * trace, the relay publishes it with that trace's {@code traceparent}, a consumer applies it in a span of the same
 * trace, and what that consumer records in turn keeps the trace (capture's request, scoring's and distribution's
 * events, the assignment: all one trace). Spans are read from an in-memory exporter.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class EventTraceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    InMemorySpanExporter spans;
    @Inject
    OutboxRelay relay;
    @Inject
    Outbox outbox;
    @Inject
    EventDispatcher dispatcher;
    @Inject
    Pool pool;

    @Test
    @TestSecurity(user = "writer", roles = "writer")
    void shouldKeepOneTraceFromTheRequestThroughKafkaToWhatTheConsumerRecords() throws Throwable {
        relay.relayPending().await().atMost(WAIT);
        spans.reset();

        // 1. the request: its event is recorded in the request's trace
        String eventId = given().contentType("application/json").body("{\"name\":\"traced\"}")
                .post("/test/items").then().statusCode(200).extract().path("eventId");
        SpanData request = await().atMost(WAIT).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == SpanKind.SERVER && s.getName().contains("/test/items")).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        String traceId = request.getTraceId();
        String recorded = traceparentOf(eventId);
        assertThat(recorded).as("the outbox row's traceparent").startsWith("00-" + traceId + "-");

        // 2. the relay: the Kafka record carries the trace
        String itemId = query("select aggregate_id from outbox_event where id = '" + eventId + "'");
        relay.relayPending().await().atMost(WAIT);
        ConsumerRecord<String, String> record = recordOf(itemId);
        assertThat(header(record, EventTraces.HEADER)).as("the record's traceparent").startsWith("00-" + traceId + "-");

        // 3. the consumer: applies it in a span of the same trace, and what it records keeps the trace
        String[] next = new String[1];
        EventHandlers handlers = EventHandlers.consumer("trace-consumer").on(ItemCreated.class, (item, event) ->
                outbox.record(UUID.fromString(item.itemId()), new ItemCreated(item.itemId(), 2))
                        .invoke(id -> next[0] = id.toString())
                        .replaceWithVoid()).build();
        Message<String> message = Message.of(record.value())
                .addMetadata(OutgoingCloudEventMetadata.builder().withId(header(record, "ce_id"))
                        .withType(header(record, "ce_type")).withSource(URI.create(header(record, "ce_source")))
                        .withSubject(header(record, "ce_subject")).build())
                .addMetadata(new IncomingKafkaRecordMetadata<>(record, "trace-events"));
        VertxContextSupport.subscribeAndAwait(() -> dispatcher.dispatch(message, handlers));

        SpanData applied = await().atMost(WAIT).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == SpanKind.CONSUMER && s.getName().startsWith("trace-consumer apply")).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(applied.getTraceId()).as("the consumer's span").isEqualTo(traceId);
        assertThat(applied.getName()).isEqualTo("trace-consumer apply leadstream.item.created.v1");
        assertThat(next[0]).as("the consumer recorded its event").isNotNull();
        assertThat(traceparentOf(next[0])).as("the consumer's event, in the same trace, below its span")
                .isEqualTo("00-" + traceId + "-" + applied.getSpanId() + "-01");
    }

    @Test
    void shouldRecordNoTraceOutsideASpan() throws Throwable {
        String id = VertxContextSupport.subscribeAndAwait(() -> io.quarkus.hibernate.reactive.panache.Panache
                .withTransaction(() -> outbox.record(UUID.randomUUID(), new ItemCreated("untraced", 1))))
                .toString();
        assertThat(traceparentOf(id)).isNull();
    }

    private String traceparentOf(String eventId) {
        return query("select traceparent from outbox_event where id = '" + eventId + "'");
    }

    private String query(String sql) {
        var rows = pool.query(sql).execute().await().atMost(WAIT);
        return rows.iterator().next().getString(0);
    }

    private ConsumerRecord<String, String> recordOf(String key) {
        try (KafkaCompanion kafka = new KafkaCompanion(
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            var task = kafka.consumeStrings().withOffsetReset(OffsetResetStrategy.EARLIEST)
                    .fromTopics("chassis.test", Duration.ofSeconds(5));
            task.awaitCompletion(WAIT);
            List<ConsumerRecord<String, String>> ours = task.getRecords().stream().filter(r -> key.equals(r.key())).toList();
            assertThat(ours).hasSize(1);
            return ours.get(0);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
