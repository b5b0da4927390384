package io.leadstream.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Kafka as the services use it: every topic a service consumes or produces (its application.properties) is a
 * KafkaTopic, every KafkaTopic is consumed by someone, each service's KafkaUser may do exactly what the service does,
 * and no autoscaler runs more replicas of a consumer than its topics have partitions.
 */
class KafkaTopologyTest {

    record Usage(Set<String> consumes, Set<String> produces) {
    }

    static Map<String, Usage> usage() {
        Map<String, Usage> usage = new HashMap<>();
        for (String service : Manifests.SERVICES) {
            Properties p = Manifests.applicationProperties(service);
            Set<String> in = new TreeSet<>();
            Set<String> out = new TreeSet<>();
            for (String key : p.stringPropertyNames()) {
                if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic")) {
                    in.add(p.getProperty(key));
                } else if (key.matches("mp\\.messaging\\.outgoing\\.[^.]+\\.topic")) {
                    out.add(p.getProperty(key));
                }
            }
            out.add(p.getProperty("leadstream.events.dead-letter-topic"));
            usage.put(service, new Usage(in, out));
        }
        return usage;
    }

    @Test
    void shouldDeclareEveryTopicTheServicesUseAndConsumeEveryTopicDeclared() {
        Set<String> declared = new TreeSet<>();
        Manifests.ofKind("prod", "KafkaTopic").forEach(t -> declared.add(Manifests.name(t)));
        Set<String> used = new TreeSet<>();
        Set<String> consumed = new HashSet<>();
        usage().values().forEach(u -> {
            used.addAll(u.consumes());
            used.addAll(u.produces());
            consumed.addAll(u.consumes());
        });
        assertThat(declared).as("KafkaTopics = the topics the services use").isEqualTo(used);
        for (String topic : declared) {
            boolean deadLetter = topic.startsWith("leads.dlq.");
            assertThat(consumed.contains(topic) || deadLetter && replayReads(topic))
                    .as(topic + " is consumed by a service (or, a dead-letter topic, by the replay)").isTrue();
        }
    }

    @Test
    void shouldReplicateEveryTopicThreeTimesAndKeepTheEventsForInsightsRebuilds() {
        Manifests.ofKind("prod", "KafkaTopic").forEach(t -> {
            String name = Manifests.name(t);
            assertThat(t.path("spec").path("replicas").asInt()).as(name).isEqualTo(3);
            assertThat(t.path("spec").path("config").path("min.insync.replicas").asInt()).as(name).isEqualTo(2);
            assertThat(t.path("spec").path("config").path("retention.ms").asText()).as(name + " retention").isNotBlank();
            if (!name.startsWith("leads.dlq.")) {
                assertThat(t.path("spec").path("config").path("retention.ms").asLong()).as(name + " kept for ever").isEqualTo(-1);
            }
        });
    }

    @Test
    void shouldGrantEachServiceExactlyTheTopicsItUses() {
        usage().forEach((service, u) -> {
            JsonNode user = Manifests.get("prod", "KafkaUser", service);
            Set<String> reads = new TreeSet<>();
            Set<String> writes = new TreeSet<>();
            Set<String> groups = new TreeSet<>();
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                String type = acl.path("resource").path("type").asText();
                String name = acl.path("resource").path("name").asText();
                String ops = acl.path("operations").toString();
                if (type.equals("topic")) {
                    assertThat(acl.path("resource").path("patternType").asText()).as(service + " " + name).isEqualTo("literal");
                    if (ops.contains("Read")) {
                        reads.add(name);
                    }
                    if (ops.contains("Write")) {
                        writes.add(name);
                    }
                } else if (type.equals("group")) {
                    groups.add(name + ":" + acl.path("resource").path("patternType").asText());
                }
            }
            assertThat(reads).as(service + " reads").isEqualTo(u.consumes());
            assertThat(writes).as(service + " writes").isEqualTo(u.produces());
            assertThat(groups).as(service + " groups (its own, and insights' rebuild groups)").containsExactly(service + ":prefix");
            List<String> jaas = new ArrayList<>();
            Manifests.get("prod", "Deployment", service).path("spec").path("template").path("spec").path("containers")
                    .get(0).path("env").forEach(e -> {
                        if (e.path("name").asText().equals("KAFKA_SASL_JAAS_CONFIG")) {
                            JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                            jaas.add(ref.path("name").asText() + "/" + ref.path("key").asText());
                        }
                    });
            assertThat(jaas).as(service + " logs in as its KafkaUser").containsExactly(service + "/sasl.jaas.config");
        });
    }

    @Test
    void shouldNeverScaleAConsumerAboveItsTopicsPartitions() {
        Map<String, Integer> partitions = new HashMap<>();
        Manifests.ofKind("prod", "KafkaTopic").forEach(t -> partitions.put(Manifests.name(t), t.path("spec").path("partitions").asInt()));
        usage().forEach((service, u) -> {
            int fewest = u.consumes().stream().mapToInt(partitions::get).min().orElse(Integer.MAX_VALUE);
            int max = Manifests.get("prod", "HorizontalPodAutoscaler", service).path("spec").path("maxReplicas").asInt();
            assertThat(max).as(service + ": at most as many replicas as partitions of the topics it consumes").isLessThanOrEqualTo(fewest);
        });
    }

    @Test
    void shouldLetKedaScaleEachConsumerOnTheLagOfEveryTopicItConsumesUpToThePartitions() {
        Map<String, Integer> partitions = new HashMap<>();
        Manifests.ofKind("prod-keda", "KafkaTopic").forEach(t -> partitions.put(Manifests.name(t), t.path("spec").path("partitions").asInt()));
        usage().forEach((service, u) -> {
            boolean consumer = !service.equals("capture-service");
            assertThat(Manifests.find("prod-keda", "ScaledObject", service)).as(service + " scaled by KEDA").matches(o -> o.isPresent() == consumer);
            assertThat(Manifests.find("prod-keda", "HorizontalPodAutoscaler", service)).as(service + ": one autoscaler only")
                    .matches(o -> o.isPresent() != consumer);
            if (!consumer) {
                return;
            }
            JsonNode scaled = Manifests.get("prod-keda", "ScaledObject", service);
            assertThat(scaled.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo(service);
            int fewest = u.consumes().stream().mapToInt(partitions::get).min().orElseThrow();
            assertThat(scaled.path("spec").path("maxReplicaCount").asInt()).as(service).isLessThanOrEqualTo(fewest);
            Set<String> lagOf = new TreeSet<>();
            for (JsonNode trigger : scaled.path("spec").path("triggers")) {
                if (trigger.path("type").asText().equals("kafka")) {
                    assertThat(trigger.path("metadata").path("consumerGroup").asText()).as(service).isEqualTo(service);
                    assertThat(trigger.path("metadata").path("allowIdleConsumers").asText()).as(service).isEqualTo("false");
                    assertThat(Manifests.find("prod-keda", "TriggerAuthentication",
                            trigger.path("authenticationRef").path("name").asText())).as(service).isPresent();
                    lagOf.add(trigger.path("metadata").path("topic").asText());
                }
            }
            assertThat(lagOf).as(service + ": the lag of every topic it consumes").isEqualTo(u.consumes());
        });
        assertThat(Manifests.ofKind("prod", "ScaledObject")).as("KEDA is optional: not in prod").isEmpty();
    }

    private static boolean replayReads(String topic) {
        for (JsonNode acl : Manifests.get("prod", "KafkaUser", "leadstream-dlq-replay").path("spec").path("authorization").path("acls")) {
            String name = acl.path("resource").path("name").asText();
            boolean prefix = acl.path("resource").path("patternType").asText().equals("prefix");
            if (acl.path("operations").toString().contains("Read") && acl.path("resource").path("type").asText().equals("topic")
                    && (prefix ? topic.startsWith(name) : topic.equals(name))) {
                return true;
            }
        }
        return false;
    }
}
