package io.leadstream.chassis.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The readiness check reaches the broker the way the service's channels do: on Kubernetes the brokers take SASL_SSL
 * with the service's KafkaUser only, and a check that connected in plain text would report them unreachable for ever.
 */
class KafkaReadinessCheckTest {

    @Test
    void shouldConnectWithTheServicesOwnKafkaSecuritySettings() {
        Map<String, Object> kafka = Map.of(
                "bootstrap.servers", "leadstream-kafka-bootstrap:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.truststore.type", "PEM",
                "ssl.truststore.location", "/etc/leadstream/kafka-ca/ca.crt");

        Map<String, Object> config = KafkaReadinessCheck.adminConfig(kafka, "leadstream-kafka-bootstrap:9093",
                Duration.ofSeconds(2));

        assertThat(config)
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/leadstream/kafka-ca/ca.crt")
                .containsEntry("bootstrap.servers", "leadstream-kafka-bootstrap:9093")
                .containsEntry("client.id", "readiness-check")
                .containsEntry("request.timeout.ms", 2000)
                .containsEntry("default.api.timeout.ms", 2000);
    }

    @Test
    void shouldLetItsOwnBootstrapSettingWinOverTheChannelsMap() {
        Map<String, Object> config = KafkaReadinessCheck.adminConfig(Map.of("bootstrap.servers", "elsewhere:9092"),
                "127.0.0.1:1", Duration.ofSeconds(3));

        assertThat(config).containsEntry("bootstrap.servers", "127.0.0.1:1");
    }
}
