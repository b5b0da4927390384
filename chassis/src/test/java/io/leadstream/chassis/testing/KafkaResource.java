package io.leadstream.chassis.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * A real Kafka broker (KRaft, in-process) for one test JVM, on a random port, from Maven Central jars;
 * no Docker. Tests read what arrived with {@code new KafkaCompanion(bootstrapServers)}, taking the
 * address from the {@code kafka.bootstrap.servers} config value this resource sets.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedKafkaBroker broker;

    @Override
    public Map<String, String> start() {
        broker = new EmbeddedKafkaBroker()
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(props -> {
                    props.put("num.partitions", "3");
                    props.put("auto.create.topics.enable", "true");
                    props.put("group.initial.rebalance.delay.ms", "0");
                    props.put("offsets.topic.num.partitions", "1");
                })
                .start();
        return Map.of("kafka.bootstrap.servers", broker.getAdvertisedListeners());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
