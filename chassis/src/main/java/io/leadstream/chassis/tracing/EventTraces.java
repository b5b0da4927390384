package io.leadstream.chassis.tracing;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * One trace for a lead's way through the suite (OpenTelemetry, W3C trace context): the outbox keeps the
 * {@code traceparent} of what recorded an event (the request's span, or the span of the event being applied), the
 * relay sends the event with it as the Kafka header {@code traceparent}, and a consumer applies each event in a span
 * that continues that trace ({@link #applying}), in which the events it records keep the same trace.
 * <p>
 * Spans that are not sampled (the chassis' default sampler drops them all) still carry their trace: the ids pass on,
 * nothing is exported. With the SDK disabled there is no current span: nothing is kept and nothing is sent.
 */
@ApplicationScoped
public class EventTraces {

    public static final String HEADER = "traceparent";

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;

    public EventTraces(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The current span as a W3C {@code traceparent}; null when there is none (tracing off, or no span). */
    public static String currentTraceparent() {
        if (!Span.current().getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get(HEADER);
    }

    /** The context a {@code traceparent} names (the root context when it is null or unreadable). */
    public static Context parent(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(HEADER, traceparent), MAP);
    }

    /** The {@code traceparent} a message carries: its Kafka record's header; null when it has none. */
    public static String traceparent(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(kafka -> header(kafka.getHeaders()))
                .orElse(null);
    }

    private static String header(Headers headers) {
        Header header = headers == null ? null : headers.lastHeader(HEADER);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * {@code work}, applying the event {@code type} (of {@code consumer}), in a consumer span that continues the
     * event's trace ({@code traceparent}) and is current while the work runs, so that the events the work records keep
     * the trace. The work runs on one Vert.x context from start to end (the dispatcher applies one event at a time),
     * which is where the current span is kept.
     */
    public <T> Uni<T> applying(String consumer, String type, String traceparent, Supplier<Uni<T>> work) {
        if (traceparent == null) {
            return Uni.createFrom().deferred(work::get);
        }
        return Uni.createFrom().deferred(() -> {
            Span span = tracer.spanBuilder(consumer + " apply " + type)
                    .setParent(parent(traceparent))
                    .setSpanKind(SpanKind.CONSUMER)
                    .setAttribute("messaging.consumer.group.name", consumer)
                    .setAttribute("cloudevents.event_type", type)
                    .startSpan();
            Scope scope = span.makeCurrent();
            Uni<T> running;
            try {
                running = work.get();
            } catch (RuntimeException e) {
                scope.close();
                span.recordException(e);
                span.setStatus(StatusCode.ERROR);
                span.end();
                throw e;
            }
            return running.onTermination().invoke((item, failure, cancelled) -> {
                scope.close();
                if (failure != null) {
                    span.recordException(failure);
                    span.setStatus(StatusCode.ERROR);
                }
                span.end();
            });
        });
    }
}
