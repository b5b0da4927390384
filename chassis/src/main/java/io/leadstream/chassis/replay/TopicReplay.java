package io.leadstream.chassis.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads whole topics from their beginning, outside the service's channels, with a consumer group of its own: what a
 * service rebuilding state from the event log needs (insights' {@code POST /api/insights/rebuild}). It takes every
 * partition of the topics (no group rebalancing: one reader), remembers where each started and where each ended when
 * asked ({@link #refreshEnds}), so that {@link #progress} says how far it is and {@link #caughtUp} when it has read
 * everything that was there. Within a partition, records come in order. Not thread-safe (Kafka's consumer is not):
 * one thread opens, polls and closes it.
 *
 * <pre>
 * try (TopicReplay replay = TopicReplay.open(kafkaConfig, "insights-service.rebuild-" + id, topics, timeout)) {
 *     while (!replay.caughtUp()) {
 *         apply(replay.poll(Duration.ofMillis(500)));
 *         replay.commit();
 *     }
 * }
 * </pre>
 */
public final class TopicReplay implements AutoCloseable {

    /** One partition's place: where it started, how far it has been read, and its end when last asked. */
    public record PartitionProgress(String topic, int partition, long start, long position, long end) {

        /** Records between the position and the end. */
        public long remaining() {
            return Math.max(0, end - position);
        }

        /** Records read so far. */
        public long read() {
            return Math.max(0, position - start);
        }
    }

    private final Consumer<String, String> consumer;
    private final Duration timeout;
    private final List<TopicPartition> partitions;
    private final Map<TopicPartition, Long> starts;
    private Map<TopicPartition, Long> ends;

    /**
     * Opens a reader of {@code topics} (a topic that does not exist is skipped: it holds nothing to replay) from their
     * beginning. {@code kafkaConfig}: the service's Kafka client settings (bootstrap servers, security); the group,
     * deserializers and offsets are set here. {@code timeout} bounds each call to the broker.
     */
    public static TopicReplay open(Map<String, Object> kafkaConfig, String groupId, Collection<String> topics,
            Duration timeout) {
        return open(kafkaConfig, groupId, topics, timeout, false);
    }

    /**
     * As {@link #open(Map, String, Collection, Duration)}; {@code fromCommitted}: each partition starts where the
     * group last {@link #commit committed} (its beginning when it never did), so that a reader run again goes on
     * where the last one stopped (the dead-letter replay).
     */
    public static TopicReplay open(Map<String, Object> kafkaConfig, String groupId, Collection<String> topics,
            Duration timeout, boolean fromCommitted) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config);
        try {
            return new TopicReplay(consumer, topics, timeout, fromCommitted);
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    TopicReplay(Consumer<String, String> consumer, Collection<String> topics, Duration timeout, boolean fromCommitted) {
        this.consumer = consumer;
        this.timeout = timeout;
        List<TopicPartition> found = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos != null) {
                infos.forEach(info -> found.add(new TopicPartition(info.topic(), info.partition())));
            }
        }
        found.sort(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        this.partitions = List.copyOf(found);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.starts = new HashMap<>(consumer.beginningOffsets(partitions, timeout));
        if (fromCommitted && !partitions.isEmpty()) {
            consumer.committed(Set.copyOf(partitions), timeout).forEach((tp, committed) -> {
                if (committed != null) {
                    consumer.seek(tp, committed.offset());
                    starts.put(tp, Math.max(starts.getOrDefault(tp, 0L), committed.offset()));
                }
            });
        }
        this.ends = new HashMap<>(consumer.endOffsets(partitions, timeout));
    }

    /** The next records (possibly none), at most {@code wait} later. */
    public List<ConsumerRecord<String, String>> poll(Duration wait) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        if (partitions.isEmpty()) {
            return records;
        }
        consumer.poll(wait).forEach(records::add);
        return records;
    }

    /** Takes each partition's current end as the new target (what the producers have written since). */
    public void refreshEnds() {
        ends = new HashMap<>(consumer.endOffsets(partitions, timeout));
    }

    /** True once every partition has been read up to its end as last taken. */
    public boolean caughtUp() {
        return remaining() == 0;
    }

    /** Records left up to the ends as last taken. */
    public long remaining() {
        return progress().stream().mapToLong(PartitionProgress::remaining).sum();
    }

    /** Each partition's place, by topic and partition. */
    public List<PartitionProgress> progress() {
        List<PartitionProgress> list = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            long start = starts.getOrDefault(tp, 0L);
            list.add(new PartitionProgress(tp.topic(), tp.partition(), start, Math.max(start, consumer.position(tp, timeout)),
                    ends.getOrDefault(tp, 0L)));
        }
        return list;
    }

    /** Records the positions as the group's offsets (visible to Kafka's tools); the replay itself does not need them. */
    public void commit() {
        if (!partitions.isEmpty()) {
            consumer.commitSync(timeout);
        }
    }

    @Override
    public void close() {
        consumer.close(timeout);
    }
}
