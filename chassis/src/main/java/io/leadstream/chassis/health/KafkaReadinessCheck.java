package io.leadstream.chassis.health;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.common.annotation.Identifier;

/**
 * What readiness says about the Kafka broker, answered within {@code leadstream.health.kafka.timeout} (Quarkus' own
 * check waits for the admin client's default timeout, a minute, when the broker is gone). A broker that cannot be
 * reached is reported ({@code reachable: false} and the reason) but does not take the service out of rotation: its
 * API keeps answering, what it writes waits in its outbox (the gauges {@code leadstream.outbox.pending} and
 * {@code leadstream.outbox.oldest.age} show how much and for how long) and its consumers pause, until the broker is
 * back. The database, which the API cannot do without, is what makes readiness DOWN. Turned off with
 * {@code leadstream.health.kafka.enabled=false} (the service tests, which use in-memory channels). It connects with the
 * service's own Kafka client settings ({@code kafka.*}: bootstrap servers, and on Kubernetes SASL_SSL with the
 * service's KafkaUser), so that it reaches the broker the way the channels do.
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    static final String NAME = "Kafka broker";

    private final boolean enabled;
    private final String bootstrapServers;
    private final Map<String, Object> kafka;
    private final Duration timeout;
    private volatile Admin admin;

    public KafkaReadinessCheck(
            @ConfigProperty(name = "leadstream.health.kafka.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "127.0.0.1:9092") String bootstrapServers,
            @ConfigProperty(name = "leadstream.health.kafka.timeout", defaultValue = "3s") Duration timeout,
            @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.enabled = enabled;
        this.bootstrapServers = bootstrapServers;
        this.kafka = kafka;
        this.timeout = timeout;
    }

    @Override
    public HealthCheckResponse call() {
        if (!enabled) {
            return HealthCheckResponse.named(NAME).up().withData("checked", false).build();
        }
        try {
            Collection<Node> nodes = admin().describeCluster(new DescribeClusterOptions()
                    .timeoutMs((int) timeout.toMillis())).nodes().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            return HealthCheckResponse.named(NAME).up().withData("reachable", true)
                    .withData("nodes", nodes.stream().map(n -> n.host() + ":" + n.port()).collect(Collectors.joining(",")))
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down(e);
        } catch (Exception e) {
            return down(e);
        }
    }

    private HealthCheckResponse down(Exception e) {
        String reason = e.getCause() != null ? e.getCause().toString() : e.toString();
        return HealthCheckResponse.named(NAME).up().withData("reachable", false)
                .withData("bootstrap.servers", bootstrapServers).withData("reason", reason)
                .withData("meanwhile", "the API answers; events wait in the outbox; consumers pause").build();
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(adminConfig(kafka, bootstrapServers, timeout));
                }
                current = admin;
            }
        }
        return current;
    }

    /**
     * The admin client's settings: the service's Kafka client settings (security among them), its bootstrap servers,
     * and this check's own client id and timeouts.
     */
    static Map<String, Object> adminConfig(Map<String, Object> kafka, String bootstrapServers, Duration timeout) {
        int millis = (int) timeout.toMillis();
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "readiness-check");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        return config;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
