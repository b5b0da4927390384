package io.leadstream.chassis.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A service test with its channels as in production: the named channels on the smallrye-kafka connector (with the
 * chassis' shared channel settings) against {@link KafkaResource}'s embedded broker, and {@link PostgresResource}.
 * A test class names its channels in a nested profile:
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;TestProfile(DatabaseOutageTest.RealBroker.class)
 * class DatabaseOutageTest {
 *     public static class RealBroker extends RealKafkaProfile {
 *         public RealBroker() {
 *             super(List.of("capture-events"), List.of("outbox"));
 *         }
 *     }
 * }
 * </pre>
 */
public abstract class RealKafkaProfile implements QuarkusTestProfile {

    private final List<String> incoming;
    private final List<String> outgoing;

    protected RealKafkaProfile(List<String> incoming, List<String> outgoing) {
        this.incoming = List.copyOf(incoming);
        this.outgoing = List.copyOf(outgoing);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        incoming.forEach(channel -> config.put("mp.messaging.incoming." + channel + ".connector", "smallrye-kafka"));
        outgoing.forEach(channel -> config.put("mp.messaging.outgoing." + channel + ".connector", "smallrye-kafka"));
        config.put("quarkus.log.category.\"org.apache.kafka\".level", "WARN");
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresResource.class), new TestResourceEntry(KafkaResource.class));
    }
}
