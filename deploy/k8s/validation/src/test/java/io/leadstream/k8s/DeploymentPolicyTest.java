package io.leadstream.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The policies every service's deployment keeps, in every overlay: labels, probes on the health endpoints, resource
 * requests and limits, a non-root read-only container, its Service, ServiceAccount, ConfigMap, Secret reference and
 * NetworkPolicy; and what prod adds (autoscaler, disruption budget, replicas on separate nodes) and dev takes away.
 */
class DeploymentPolicyTest {

    static final List<String> overlays = Manifests.OVERLAYS;

    @ParameterizedTest
    @FieldSource("overlays")
    void shouldLabelEveryObjectWithItsNameAndTheSuite(String overlay) {
        List<String> unlabelled = new ArrayList<>();
        for (ObjectNode object : Manifests.render(overlay)) {
            JsonNode labels = object.path("metadata").path("labels");
            if (labels.path("app.kubernetes.io/name").asText().isBlank()
                    || !"leadstream".equals(labels.path("app.kubernetes.io/part-of").asText())) {
                unlabelled.add(object.path("kind").asText() + " " + Manifests.name(object));
            }
        }
        assertThat(unlabelled).as("%s: objects without app.kubernetes.io/name and part-of=leadstream", overlay).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("overlays")
    void shouldRunEveryServiceProbedLimitedAndNonRoot(String overlay) {
        for (String service : Manifests.SERVICES) {
            JsonNode deployment = Manifests.get(overlay, "Deployment", service);
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            assertThat(pod.path("containers")).as("%s %s: one container", overlay, service).hasSize(1);
            JsonNode app = pod.path("containers").get(0);
            String what = overlay + " " + service;

            assertThat(deployment.path("spec").path("template").path("metadata").path("labels")
                    .path("app.kubernetes.io/name").asText()).as(what).isEqualTo(service);
            assertThat(app.path("startupProbe").path("httpGet").path("path").asText()).as(what).isEqualTo("/q/health/started");
            assertThat(app.path("livenessProbe").path("httpGet").path("path").asText()).as(what).isEqualTo("/q/health/live");
            assertThat(app.path("readinessProbe").path("httpGet").path("path").asText()).as(what).isEqualTo("/q/health/ready");
            for (String kind : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(app.path("resources").path(kind).path(resource).asText())
                            .as("%s: resources.%s.%s", what, kind, resource).isNotBlank();
                }
            }
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).as(what + " runAsNonRoot").isTrue();
            assertThat(pod.path("securityContext").path("runAsUser").asInt()).as(what + " runAsUser").isPositive();
            assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
            assertThat(app.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).as(what + " read-only root").isTrue();
            assertThat(app.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).as(what).isFalse();
            assertThat(app.path("securityContext").path("capabilities").path("drop").toString()).as(what).contains("ALL");
            assertThat(pod.path("topologySpreadConstraints")).as(what + " topology spread").isNotEmpty();
            pod.path("topologySpreadConstraints").forEach(c -> assertThat(
                    c.path("labelSelector").path("matchLabels").path("app.kubernetes.io/name").asText()).as(what).isEqualTo(service));

            List<String> envFrom = new ArrayList<>();
            app.path("envFrom").forEach(e -> envFrom.add(e.has("secretRef")
                    ? "secret:" + e.path("secretRef").path("name").asText()
                    : "configmap:" + e.path("configMapRef").path("name").asText().replaceAll("-[a-z0-9]{10}$", "")));
            assertThat(envFrom).as(what + " envFrom, in order (the service's own settings win over the shared ones)")
                    .containsExactly("configmap:leadstream-services-config", "configmap:" + service + "-config",
                            "secret:" + service + "-config-creds");
            app.path("envFrom").forEach(e -> {
                if (e.has("configMapRef")) {
                    assertThat(Manifests.find(overlay, "ConfigMap", e.path("configMapRef").path("name").asText()))
                            .as("%s: the ConfigMap %s exists", what, e.path("configMapRef").path("name").asText()).isPresent();
                }
            });
            assertThat(Manifests.find(overlay, "ServiceAccount", pod.path("serviceAccountName").asText())).as(what).isPresent();
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).as(what + ": no API token mounted").isFalse();

            JsonNode svc = Manifests.get(overlay, "Service", service);
            assertThat(svc.path("spec").path("selector").path("app.kubernetes.io/name").asText()).isEqualTo(service);
            assertThat(svc.path("spec").path("ports").get(0).path("targetPort").asText()).isEqualTo("http");
        }
    }

    @ParameterizedTest
    @FieldSource("overlays")
    void shouldFenceEveryServiceWithItsOwnNetworkPolicy(String overlay) {
        for (String service : Manifests.SERVICES) {
            JsonNode policy = Manifests.get(overlay, "NetworkPolicy", service);
            String what = overlay + " " + service;
            assertThat(policy.path("spec").path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText())
                    .as(what).isEqualTo(service);
            assertThat(policy.path("spec").path("policyTypes").toString()).as(what).contains("Ingress", "Egress");
            String ingress = policy.path("spec").path("ingress").toString();
            assertThat(ingress).as(what + ": from the gateway and Prometheus")
                    .contains("ingress-nginx", "monitoring", "\"management\"");
            String egress = policy.path("spec").path("egress").toString();
            assertThat(egress).as(what + ": to DNS, the trace collector, its database, Kafka and Keycloak")
                    .contains("kube-dns", "4317", "\"cnpg.io/cluster\":\"leadstream-db\"",
                            "\"strimzi.io/cluster\":\"leadstream-kafka\"", "\"app\":\"keycloak\"");
        }
    }

    @ParameterizedTest
    @FieldSource("overlays")
    void shouldRunTheDeadLetterReplayOnlyOnDemandAsItsOwnKafkaUser(String overlay) throws Exception {
        JsonNode cronJob = Manifests.get(overlay, "CronJob", "leadstream-dlq-replay");
        String what = overlay + " leadstream-dlq-replay";
        assertThat(cronJob.path("spec").path("suspend").asBoolean()).as(what + ": never runs on a schedule").isTrue();
        JsonNode job = cronJob.path("spec").path("jobTemplate").path("spec");
        assertThat(job.path("backoffLimit").asInt(-1)).as(what + ": no retry behind the operator's back").isZero();
        JsonNode podTemplate = job.path("template");
        JsonNode pod = podTemplate.path("spec");
        assertThat(podTemplate.path("metadata").path("labels").path("app.kubernetes.io/part-of").asText())
                .as(what + ": Kafka's listener admits pods labelled part-of=leadstream").isEqualTo("leadstream");
        assertThat(Manifests.get(overlay, "Kafka", "leadstream-kafka").path("spec").path("kafka").path("listeners").get(0)
                .path("networkPolicyPeers").toString()).contains("\"app.kubernetes.io/part-of\":\"leadstream\"");
        assertThat(pod.path("containers")).hasSize(1);
        JsonNode replay = pod.path("containers").get(0);

        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).as(what).isTrue();
        assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
        assertThat(replay.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).as(what).isTrue();
        assertThat(replay.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).as(what).isFalse();
        assertThat(replay.path("securityContext").path("capabilities").path("drop").toString()).contains("ALL");
        for (String kind : List.of("requests", "limits")) {
            assertThat(replay.path("resources").path(kind).path("memory").asText()).as(what + " " + kind).isNotBlank();
        }
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).as(what).isFalse();
        assertThat(Manifests.find(overlay, "ServiceAccount", pod.path("serviceAccountName").asText())).as(what).isPresent();

        // the chassis' command, from a service's image as the overlay sets it, dry by default
        String image = Manifests.get(overlay, "Deployment", "scoring-service").path("spec").path("template").path("spec")
                .path("containers").get(0).path("image").asText();
        assertThat(replay.path("image").asText()).as(what + ": the image follows the overlay's").isEqualTo(image);
        String mainClass = replay.path("command").get(replay.path("command").size() - 1).asText();
        assertThat(Manifests.repository().resolve("chassis/src/main/java/" + mainClass.replace('.', '/') + ".java"))
                .as(what + ": the class it runs").exists();
        assertThat(replay.path("command").toString()).contains("\"/deployments/lib/main/*\"");
        assertThat(replay.path("args").toString()).as(what + ": a Job made from it changes nothing").contains("--dry-run");

        // the Kafka settings every service gets, and the credentials of the KafkaUser made for the replay
        String settings = replay.path("envFrom").get(0).path("configMapRef").path("name").asText();
        assertThat(Manifests.configMap(overlay, settings)).as(what + ": " + settings).isPresent().get()
                .satisfies(map -> assertThat(map.path("data").path("KAFKA_BOOTSTRAP_SERVERS").asText()).isNotBlank());
        JsonNode jaas = replay.path("env").get(0);
        assertThat(jaas.path("name").asText()).isEqualTo("KAFKA_SASL_JAAS_CONFIG");
        assertThat(jaas.path("valueFrom").path("secretKeyRef").path("name").asText()).as(what + ": its KafkaUser's Secret")
                .isEqualTo(Manifests.get(overlay, "KafkaUser", "leadstream-dlq-replay").path("metadata").path("name").asText());
        List<String> mounted = new ArrayList<>();
        replay.path("volumeMounts").forEach(m -> mounted.add(m.path("mountPath").asText()));
        assertThat(mounted).as(what + ": the CA the shared settings name, and a writable /tmp")
                .contains("/tmp", "/etc/leadstream/kafka-ca");

        JsonNode policy = Manifests.get(overlay, "NetworkPolicy", "leadstream-dlq-replay");
        assertThat(policy.path("spec").path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText())
                .isEqualTo(podTemplate.path("metadata").path("labels").path("app.kubernetes.io/name").asText());
        assertThat(policy.path("spec").path("ingress")).as(what + ": takes no connection").isEmpty();
        assertThat(policy.path("spec").path("egress").toString()).contains("kube-dns", "\"strimzi.io/cluster\":\"leadstream-kafka\"")
                .doesNotContain("cnpg.io");
    }

    @Test
    void shouldLetOnlyTheServicesThatCallCaptureReachIt() {
        for (String service : Manifests.SERVICES) {
            boolean calls = Manifests.applicationProperties(service).stringPropertyNames().stream()
                    .anyMatch(k -> k.equals("quarkus.rest-client.capture.url"));
            String egress = Manifests.get("prod", "NetworkPolicy", service).path("spec").path("egress").toString();
            String captureIngress = Manifests.get("prod", "NetworkPolicy", "capture-service").path("spec").path("ingress").toString();
            assertThat(egress.contains("\"app.kubernetes.io/name\":\"capture-service\"")).as(service + " may call capture")
                    .isEqualTo(calls);
            if (!service.equals("capture-service")) {
                assertThat(captureIngress.contains("\"app.kubernetes.io/name\":\"" + service + "\""))
                        .as("capture takes calls from " + service).isEqualTo(calls);
            }
        }
    }

    @Test
    void shouldScaleAndProtectEveryServiceInProd() {
        for (String service : Manifests.SERVICES) {
            JsonNode hpa = Manifests.get("prod", "HorizontalPodAutoscaler", service);
            assertThat(hpa.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo(service);
            assertThat(hpa.path("spec").path("minReplicas").asInt()).as(service).isGreaterThanOrEqualTo(2);
            assertThat(hpa.path("spec").path("metrics").toString()).as(service).contains("\"cpu\"");
            JsonNode pdb = Manifests.get("prod", "PodDisruptionBudget", service);
            assertThat(pdb.path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/name").asText())
                    .isEqualTo(service);
            JsonNode spread = Manifests.get("prod", "Deployment", service).path("spec").path("template").path("spec")
                    .path("topologySpreadConstraints");
            List<String> hostSpread = new ArrayList<>();
            spread.forEach(c -> {
                if (c.path("topologyKey").asText().equals("kubernetes.io/hostname")) {
                    hostSpread.add(c.path("whenUnsatisfiable").asText());
                }
            });
            assertThat(hostSpread).as(service + ": replicas on separate nodes").containsExactly("DoNotSchedule");
        }
        assertThat(Manifests.get("prod", "Cluster", "leadstream-db").path("spec").path("instances").asInt()).isEqualTo(3);
        assertThat(Manifests.get("prod", "KafkaNodePool", "nodes").path("spec").path("replicas").asInt()).isEqualTo(3);
    }

    @Test
    void shouldRunOneOfEverythingSmallInDev() {
        assertThat(Manifests.ofKind("dev", "HorizontalPodAutoscaler")).as("no autoscaler in dev").isEmpty();
        for (String service : Manifests.SERVICES) {
            JsonNode deployment = Manifests.get("dev", "Deployment", service);
            assertThat(deployment.path("spec").path("replicas").asInt()).as(service).isEqualTo(1);
            assertThat(deployment.path("spec").path("template").path("spec").path("containers").get(0)
                    .path("resources").path("limits").path("memory").asText()).as(service).isEqualTo("384Mi");
        }
        assertThat(Manifests.get("dev", "KafkaNodePool", "nodes").path("spec").path("replicas").asInt()).isEqualTo(1);
        Manifests.ofKind("dev", "KafkaTopic").forEach(t ->
                assertThat(t.path("spec").path("replicas").asInt()).as(Manifests.name(t)).isEqualTo(1));
        assertThat(Manifests.get("dev", "Cluster", "leadstream-db").path("spec").path("instances").asInt()).isEqualTo(1);
        assertThat(Manifests.get("dev", "Namespace", "leadstream-dev")).isNotNull();
    }
}
