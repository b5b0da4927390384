package io.leadstream.systemtests;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The services' Kafka consumer groups on the suite's broker (each service's group is its name): how far behind they
 * are, and rewinding them to the start of their topics, as an operator would with {@code kafka-consumer-groups
 * --reset-offsets --to-earliest} (which, like this, needs the group's members gone).
 */
final class ConsumerGroups implements AutoCloseable {

    static final List<String> SERVICES = List.of("capture-service", "scoring-service", "distribution-service",
            "nurture-service", "insights-service");

    private final Admin admin;

    ConsumerGroups() {
        admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Suite.KAFKA));
    }

    /** The group's committed offsets, per partition it has committed on. */
    Map<TopicPartition, Long> committed(String group) {
        Map<TopicPartition, OffsetAndMetadata> offsets = get(admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata());
        Map<TopicPartition, Long> committed = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            if (offset != null) {
                committed.put(partition, offset.offset());
            }
        });
        return committed;
    }

    /** The end offsets now of every partition {@code groups} have committed on. */
    Map<String, Map<TopicPartition, Long>> endsNow(List<String> groups) {
        Map<String, Map<TopicPartition, Long>> ends = new HashMap<>();
        for (String group : groups) {
            ends.put(group, offsets(committed(group), OffsetSpec.latest()));
        }
        return ends;
    }

    /**
     * Waits until each group has committed, on each partition, at least the offset in {@code ends} (everything that
     * was on its topics then has been applied), however much has been published since; fails after {@code within}.
     */
    void awaitPast(Map<String, Map<TopicPartition, Long>> ends, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            Map<String, Long> behind = new HashMap<>();
            ends.forEach((group, target) -> {
                Map<TopicPartition, Long> committed = committed(group);
                behind.put(group, target.entrySet().stream()
                        .mapToLong(e -> Math.max(0, e.getValue() - committed.getOrDefault(e.getKey(), 0L))).sum());
            });
            if (behind.values().stream().allMatch(n -> n == 0)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("consumer groups still short of the offsets awaited after " + within + ": "
                        + behind);
            }
            Thread.sleep(1000);
        }
    }

    /**
     * Moves every committed offset of {@code group} back to the start of its partition (the group must have no
     * members: its service stopped); answers how many records its service will read again.
     */
    long rewindToEarliest(String group, Duration membersGone) throws InterruptedException {
        Instant deadline = Instant.now().plus(membersGone);
        while (true) {
            ConsumerGroupDescription description = get(admin.describeConsumerGroups(List.of(group)).all()).get(group);
            if (description.members().isEmpty()) {
                break;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(group + " still has members (" + description.groupState() + ") after "
                        + membersGone + ": is its service stopped?");
            }
            Thread.sleep(500);
        }
        Map<TopicPartition, Long> committed = committed(group);
        Map<TopicPartition, Long> starts = offsets(committed, OffsetSpec.earliest());
        Map<TopicPartition, OffsetAndMetadata> rewound = new HashMap<>();
        starts.forEach((partition, start) -> rewound.put(partition, new OffsetAndMetadata(start)));
        get(admin.alterConsumerGroupOffsets(group, rewound).all());
        return committed.entrySet().stream().mapToLong(e -> e.getValue() - starts.get(e.getKey())).sum();
    }

    private Map<TopicPartition, Long> offsets(Map<TopicPartition, Long> of, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        of.keySet().forEach(p -> request.put(p, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        get(admin.listOffsets(request).all()).forEach((p, info) -> offsets.put(p, info.offset()));
        return offsets;
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the broker did not answer in 30 s", e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
