package io.leadstream.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Every object of every overlay is one the cluster would take, field for field: Kubernetes' own kinds through the
 * fabric8 model with nothing left over (a misspelt or misplaced field lands in a model's additional properties, which
 * must stay empty), custom resources against their CRD's schema in deploy/k8s/crds, read strictly (a field the schema
 * does not list is an error, as kubectl's server-side field validation reports it).
 */
class StrictParsingTest {

    static final List<String> overlays = Manifests.OVERLAYS;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /** Kubernetes' own kinds that the manifests may use, with the API version each must be written in. */
    private static final Map<String, Class<?>> BUILT_IN = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("batch/v1/CronJob", CronJob.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class));

    /**
     * Custom resources whose CRD could not be shipped: their operators publish the CRDs only as GitHub release files
     * or Helm charts, which this project's build cannot reach (deploy/k8s/crds/README.md). Only their shape is
     * checked until someone adds the CRD file; a kind listed here that gains a CRD file fails this test, so that the
     * schema is then used.
     */
    private static final Set<String> WITHOUT_SCHEMA = Set.of(
            "postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/Database", "postgresql.cnpg.io/v1/ScheduledBackup",
            "k8s.keycloak.org/v2alpha1/Keycloak", "k8s.keycloak.org/v2alpha1/KeycloakRealmImport",
            "monitoring.coreos.com/v1/PodMonitor", "monitoring.coreos.com/v1/PrometheusRule",
            "keda.sh/v1alpha1/ScaledObject", "keda.sh/v1alpha1/TriggerAuthentication");

    private static final Map<String, JsonSchema> CRD_SCHEMAS = crdSchemas();

    @ParameterizedTest
    @FieldSource("overlays")
    void shouldParseEveryKubernetesObjectWithNothingLeftOver(String overlay) throws Exception {
        List<String> problems = new ArrayList<>();
        for (ObjectNode object : Manifests.render(overlay)) {
            String key = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
            Class<?> type = BUILT_IN.get(key);
            if (type == null) {
                continue;
            }
            Object model = MAPPER.treeToValue(object, type);
            leftovers(model, key + " " + Manifests.name(object), problems, new IdentityHashMap<>());
        }
        assertThat(problems).as("%s: fields the Kubernetes model does not know", overlay).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("overlays")
    void shouldMatchEveryCustomResourceToItsCrdSchema(String overlay) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode object : Manifests.render(overlay)) {
            String key = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
            if (BUILT_IN.containsKey(key)) {
                continue;
            }
            JsonSchema schema = CRD_SCHEMAS.get(key);
            String what = key + " " + Manifests.name(object);
            if (schema != null) {
                for (ValidationMessage message : schema.validate(object)) {
                    problems.add(what + ": " + message.getMessage());
                }
            } else if (WITHOUT_SCHEMA.contains(key)) {
                if (!object.path("spec").isObject()) {
                    problems.add(what + ": no spec");
                }
            } else {
                problems.add(what + ": neither a Kubernetes kind this test knows nor a custom resource with a CRD in "
                        + "deploy/k8s/crds (add the CRD, or the kind to BUILT_IN)");
            }
        }
        assertThat(problems).as("%s: custom resources against their CRDs", overlay).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void shouldUseEveryShippedCrdSchemaAndListOnlyKindsThatHaveNone() {
        assertThat(CRD_SCHEMAS).as("CRDs in deploy/k8s/crds").isNotEmpty();
        assertThat(WITHOUT_SCHEMA).as("kinds checked by shape only although their CRD is shipped")
                .doesNotContainAnyElementsOf(CRD_SCHEMAS.keySet());
        Set<String> used = new java.util.HashSet<>();
        Manifests.OVERLAYS.forEach(o -> Manifests.render(o)
                .forEach(x -> used.add(x.path("apiVersion").asText() + "/" + x.path("kind").asText())));
        assertThat(used).as("custom resources validated against a shipped CRD")
                .contains("kafka.strimzi.io/v1/Kafka", "kafka.strimzi.io/v1/KafkaNodePool",
                        "kafka.strimzi.io/v1/KafkaTopic", "kafka.strimzi.io/v1/KafkaUser");
    }

    @org.junit.jupiter.api.Test
    void shouldRejectAFieldTheCrdDoesNotList() throws Exception {
        ObjectNode topic = Manifests.get("prod", "KafkaTopic", "leads.capture").deepCopy();
        ((ObjectNode) topic.path("spec")).put("partitionz", 6);
        assertThat(CRD_SCHEMAS.get("kafka.strimzi.io/v1/KafkaTopic").validate(topic)).isNotEmpty();

        ObjectNode deployment = Manifests.get("prod", "Deployment", "capture-service").deepCopy();
        ((ObjectNode) deployment.path("spec").path("template").path("spec")).put("securityContexts", "x");
        List<String> problems = new ArrayList<>();
        leftovers(MAPPER.treeToValue(deployment, Deployment.class), "Deployment", problems, new IdentityHashMap<>());
        assertThat(problems).singleElement().asString().contains("securityContexts");
    }

    /** Fields a fabric8 model kept aside because its class has no such property, anywhere in the object graph. */
    private static void leftovers(Object model, String path, List<String> problems, Map<Object, Boolean> seen) {
        if (model == null || seen.put(model, Boolean.TRUE) != null) {
            return;
        }
        if (model instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                leftovers(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (model instanceof Map<?, ?> map) {
            map.forEach((k, v) -> leftovers(v, path + "." + k, problems, seen));
            return;
        }
        if (!model.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : model.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || getter.getDeclaringClass() == Object.class
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(model);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown " + extra.keySet());
                }
            } else {
                leftovers(value, path + "." + getter.getName().replaceFirst("^(get|is)", ""), problems, seen);
            }
        }
    }

    /** The openAPIV3Schema of every CRD version in deploy/k8s/crds, made strict, keyed group/version/kind. */
    private static Map<String, JsonSchema> crdSchemas() {
        Map<String, JsonSchema> schemas = new HashMap<>();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        try (Stream<Path> files = Files.list(Manifests.k8s().resolve("crds"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode crd = Manifests.YAML.readTree(file.toFile());
                String group = crd.path("spec").path("group").asText();
                String kind = crd.path("spec").path("names").path("kind").asText();
                for (JsonNode version : crd.path("spec").path("versions")) {
                    JsonNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
                    strict(schema);
                    schemas.put(group + "/" + version.path("name").asText() + "/" + kind, factory.getSchema(schema));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return schemas;
    }

    /**
     * An object schema that lists its properties takes no others, unless it says it keeps unknown fields
     * (x-kubernetes-preserve-unknown-fields); metadata is Kubernetes' own and checked by the API server.
     */
    private static void strict(JsonNode schema) {
        if (!(schema instanceof ObjectNode node)) {
            return;
        }
        if (node.has("properties") && !node.has("additionalProperties")
                && !node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            node.put("additionalProperties", false);
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isArray()) {
                value.forEach(StrictParsingTest::strict);
            } else if (field.getKey().equals("properties")) {
                value.forEach(StrictParsingTest::strict);
            } else {
                strict(value);
            }
        }
    }
}
