package io.leadstream.chassis.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** How a replay finds its partitions, reads them from the beginning and knows when it has caught up. */
class TopicReplayTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private final TopicPartition capture0 = new TopicPartition("leads.capture", 0);
    private final TopicPartition capture1 = new TopicPartition("leads.capture", 1);

    private MockConsumer<String, String> consumerWithTwoPartitions() {
        MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
        Node node = new Node(0, "localhost", 9092);
        consumer.updatePartitions("leads.capture", List.of(
                new PartitionInfo("leads.capture", 0, node, new Node[0], new Node[0]),
                new PartitionInfo("leads.capture", 1, node, new Node[0], new Node[0])));
        consumer.updateBeginningOffsets(Map.of(capture0, 5L, capture1, 0L));
        consumer.updateEndOffsets(Map.of(capture0, 7L, capture1, 1L));
        return consumer;
    }

    @Test
    void shouldReadEveryPartitionFromItsBeginningUntilItsEnd() {
        MockConsumer<String, String> consumer = consumerWithTwoPartitions();
        TopicReplay replay = new TopicReplay(consumer, List.of("leads.capture", "leads.missing"), TIMEOUT, false);
        consumer.addRecord(new ConsumerRecord<>("leads.capture", 0, 5, "a", "{}"));
        consumer.addRecord(new ConsumerRecord<>("leads.capture", 0, 6, "a", "{}"));
        consumer.addRecord(new ConsumerRecord<>("leads.capture", 1, 0, "b", "{}"));

        assertThat(replay.remaining()).isEqualTo(3);
        assertThat(replay.caughtUp()).isFalse();

        List<ConsumerRecord<String, String>> records = replay.poll(TIMEOUT);

        assertThat(records).extracting(ConsumerRecord::offset).containsExactlyInAnyOrder(5L, 6L, 0L);
        assertThat(replay.caughtUp()).isTrue();
        assertThat(replay.progress()).containsExactly(
                new TopicReplay.PartitionProgress("leads.capture", 0, 5, 7, 7),
                new TopicReplay.PartitionProgress("leads.capture", 1, 0, 1, 1));
    }

    @Test
    void shouldTakeWhatWasWrittenSinceAsTheNewEnd() {
        MockConsumer<String, String> consumer = consumerWithTwoPartitions();
        TopicReplay replay = new TopicReplay(consumer, List.of("leads.capture"), TIMEOUT, false);
        consumer.addRecord(new ConsumerRecord<>("leads.capture", 0, 5, "a", "{}"));
        consumer.addRecord(new ConsumerRecord<>("leads.capture", 0, 6, "a", "{}"));
        consumer.addRecord(new ConsumerRecord<>("leads.capture", 1, 0, "b", "{}"));
        replay.poll(TIMEOUT);

        consumer.updateEndOffsets(Map.of(capture0, 9L));
        assertThat(replay.caughtUp()).as("the end as last taken").isTrue();
        replay.refreshEnds();

        assertThat(replay.remaining()).isEqualTo(2);
        assertThat(replay.progress().get(0).read()).isEqualTo(2);
    }

    @Test
    void shouldHaveNothingToReadWhenNoTopicExists() {
        TopicReplay replay = new TopicReplay(consumerWithTwoPartitions(), List.of("leads.missing"), TIMEOUT, false);

        assertThat(replay.poll(TIMEOUT)).isEmpty();
        assertThat(replay.caughtUp()).isTrue();
        assertThat(replay.progress()).isEmpty();
    }
}
