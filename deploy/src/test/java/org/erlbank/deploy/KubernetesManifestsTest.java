package org.erlbank.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Kubernetes manifests under {@code deploy/kubernetes}, held against Kubernetes' own types and against the
 * services they run. No cluster runs here: what is checked is what can be checked without one. Every manifest parses
 * into its Kubernetes type with no field that type does not know (fabric8 keeps unknown fields silently in
 * {@code additionalProperties}: a misspelt {@code readinesProbe} would be dropped by the API server without a word, so
 * they are looked for and refused); every Service and PodDisruptionBudget selects its Deployment's pods; every probe
 * asks a port and path the service really answers, on the port its configuration names; every environment variable a
 * manifest gives a service is one the service reads; every Secret and ConfigMap a container refers to exists with
 * the key it refers to; and each container runs as the issue asks (two replicas, non-root, read-only root file
 * system, requests and limits, a preStop pause within the grace period).
 */
class KubernetesManifestsTest {

    private static final Path KUBERNETES = Path.of("kubernetes");
    private static final Path ROOT = Path.of("..");
    private static final List<String> PROCESSES = List.of("auth-server", "customer-service", "account-service",
            "gateway");
    /** Read by the JVM, not by the service. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final KubernetesSerialization KUBERNETES_TYPES = new KubernetesSerialization();

    private static List<HasMetadata> base;
    private static List<HasMetadata> overlay;

    @BeforeAll
    static void parse() throws IOException {
        base = kustomization(KUBERNETES.resolve("base"));
        overlay = kustomization(KUBERNETES.resolve("overlays/postgres"));
    }

    @Test
    void everyManifestIsAKubernetesTypeWithNoFieldItDoesNotKnow() {
        assertThat(base).extracting(resource -> resource.getKind() + "/" + resource.getMetadata().getName())
                .contains("Deployment/auth-server", "Service/customer-service", "PodDisruptionBudget/account-service",
                        "ConfigMap/gateway-config", "Secret/erlbank-clients");
        assertThat(overlay).extracting(resource -> resource.getKind() + "/" + resource.getMetadata().getName())
                .contains("StatefulSet/postgres", "Service/postgres", "Deployment/gateway");
    }

    /** The strict parse must refuse what Kubernetes would silently drop, or it proves nothing. */
    @Test
    void aMisspeltFieldIsRefused() {
        var misspelt = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: x
                spec:
                  template:
                    spec:
                      containers:
                        - name: x
                          readinesProbe:
                            httpGet:
                              path: /
                              port: 80
                """;
        try {
            strict(misspelt, "a test manifest");
        } catch (AssertionError expected) {
            assertThat(expected).hasMessageContaining("readinesProbe");
            return;
        }
        fail("a misspelt field was accepted");
    }

    @Test
    void everyServiceAndDisruptionBudgetSelectsTheirDeploymentsPodsOnPortsTheyOpen() {
        for (var name : PROCESSES) {
            var deployment = one(base, Deployment.class, name);
            var podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
            var service = one(base, Service.class, name);
            assertThat(podLabels).as(name + "'s Service selects its pods")
                    .containsAllEntriesOf(service.getSpec().getSelector());
            var portNames = container(deployment).getPorts().stream().map(port -> port.getName()).toList();
            assertThat(service.getSpec().getPorts()).allSatisfy(port -> assertThat(portNames)
                    .as(name + "'s Service port " + port.getName()).contains(port.getTargetPort().getStrVal()));
            var budget = one(base, PodDisruptionBudget.class, name);
            assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
            assertThat(budget.getSpec().getMinAvailable().getIntVal()).isLessThan(deployment.getSpec().getReplicas());
        }
    }

    /**
     * A probe's port is the one the service's configuration opens for its actuator (the management port where it has
     * one, which then must listen beyond loopback), and the paths are Boot's probe groups, which it switches on.
     */
    @Test
    void everyProbeAsksThePortAndPathTheServiceAnswers() throws IOException {
        for (var name : PROCESSES) {
            var deployment = one(base, Deployment.class, name);
            var container = container(deployment);
            var environment = environment(base, container);
            var settings = settings(name);
            assertThat(settings.get("management.endpoint.health.probes.enabled")).as(name).isEqualTo("true");
            String actuatorPort = settings.containsKey("management.server.port")
                    ? resolve(settings.get("management.server.port"), environment)
                    : resolve(settings.get("server.port"), environment);
            for (var probe : List.of(container.getStartupProbe(), container.getLivenessProbe(),
                    container.getReadinessProbe())) {
                assertThat(probe).as(name + "'s probes").isNotNull();
                assertThat(containerPort(container, probe)).as(name + "'s probe port").isEqualTo(actuatorPort);
            }
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
            if (!settings.containsKey("management.server.port")) {
                // The gateway answers only the host names it is told (its EdgeFilter), health checks included.
                var allowed = List.of(resolve(settings.get("erlbank.gateway.allowed-hosts"), environment).split(","));
                for (var probe : List.of(container.getStartupProbe(), container.getLivenessProbe(),
                        container.getReadinessProbe())) {
                    assertThat(probe.getHttpGet().getHttpHeaders()).as(name + "'s probes name an allowed host")
                            .anySatisfy(header -> {
                                assertThat(header.getName()).isEqualTo("Host");
                                assertThat(allowed).contains(header.getValue());
                            });
                }
            }
            assertThat(resolve(settings.get("server.address"), environment)).as(name + " listens beyond loopback")
                    .isEqualTo("0.0.0.0");
            if (settings.containsKey("management.server.address")) {
                assertThat(environment).as(name + "'s actuator listens beyond loopback, where the kubelet asks")
                        .containsEntry("MANAGEMENT_SERVER_ADDRESS", "0.0.0.0");
            }
        }
    }

    /**
     * Each variable is read: a placeholder in the service's configuration, a property it sets (Boot's relaxed
     * binding: MANAGEMENT_SERVER_ADDRESS is management.server.address), a profile it has, or the JVM's own.
     */
    @Test
    void everyEnvironmentVariableIsOneTheServiceReads() throws IOException {
        for (var overlayOrBase : List.of(base, overlay)) {
            for (var name : PROCESSES) {
                var container = container(one(overlayOrBase, Deployment.class, name));
                var read = placeholders(name);
                var properties = settings(name).keySet();
                for (var variable : environment(overlayOrBase, container).entrySet()) {
                    var key = variable.getKey();
                    if (JVM_VARIABLES.contains(key) || read.contains(key)) {
                        continue;
                    }
                    if (key.equals("SPRING_PROFILES_ACTIVE")) {
                        assertThat(ROOT.resolve(name + "/src/main/resources/application-" + variable.getValue()
                                + ".yml")).as(name + "'s profile " + variable.getValue()).exists();
                        continue;
                    }
                    assertThat(properties).as(name + " reads " + key).contains(key.toLowerCase().replace('_', '.'));
                }
            }
        }
    }

    /**
     * The actuators answer without a token (signing keys, logins, faults, the protection switch): beyond loopback,
     * only the gateway may reach them; the API ports stay open. And no demo logins with published passwords.
     */
    @Test
    void onlyTheGatewayReachesTheManagementPortsAndNoDemoDataIsMade() throws IOException {
        var policy = one(base, io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class, "management-ports");
        var selected = policy.getSpec().getPodSelector().getMatchExpressions().get(0);
        assertThat(selected.getKey()).isEqualTo("app.kubernetes.io/name");
        assertThat(selected.getOperator()).isEqualTo("In");
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        for (var name : PROCESSES) {
            var environment = environment(base, container(one(base, Deployment.class, name)));
            if (!settings(name).containsKey("management.server.port")) {
                continue;
            }
            assertThat(selected.getValues()).as(name + "'s pods under the policy").contains(name);
            assertThat(environment).as(name).containsEntry("ERLBANK_DEMO_DATA", "false");
        }
        var rules = policy.getSpec().getIngress();
        assertThat(rules).allSatisfy(rule -> assertThat(rule.getPorts()).isNotEmpty());
        for (var rule : rules) {
            var ports = rule.getPorts().stream().map(port -> port.getPort().getStrVal()).toList();
            if (ports.contains("management")) {
                assertThat(rule.getFrom()).singleElement().satisfies(peer -> assertThat(peer.getPodSelector()
                        .getMatchLabels()).containsExactly(Map.entry("app.kubernetes.io/name", "gateway")));
            } else {
                assertThat(ports).containsExactly("http");
            }
        }
    }

    /** What runs, runs as the issue asks. */
    @Test
    void everyServiceRunsTwiceAsNonRootOnAReadOnlyFileSystemWithinItsLimitsAndStopsGracefully() {
        for (var name : PROCESSES) {
            var deployment = one(base, Deployment.class, name);
            var pod = deployment.getSpec().getTemplate().getSpec();
            var container = container(deployment);
            assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
            assertThat(container.getVolumeMounts()).extracting(mount -> mount.getMountPath()).contains("/tmp");
            int pause = container.getLifecycle().getPreStop().getSleep().getSeconds().intValue();
            // The pause, then Boot's graceful shutdown (30 s at most by default), within the grace period.
            assertThat(pause).isPositive();
            assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThanOrEqualTo(pause + 30L);
            assertThat(container.getImage()).isEqualTo(KubernetesImagesTest.image(name));
        }
    }

    /** Every Secret and ConfigMap a container refers to exists, with every key referred to. */
    @Test
    void everySecretAndConfigMapReferredToExists() {
        for (var resources : List.of(base, overlay)) {
            for (var name : PROCESSES) {
                environment(resources, container(one(resources, Deployment.class, name)));
            }
        }
        var postgres = overlay.stream().filter(resource -> resource.getKind().equals("StatefulSet")).findFirst()
                .orElseThrow();
        assertThat(postgres.getMetadata().getName()).isEqualTo("postgres");
    }

    /** The overlay points each service at its own database on the overlay's server, with the server's password. */
    @Test
    void theOverlayPointsEachServiceAtItsOwnDatabaseOnItsServer() {
        var server = one(overlay, Secret.class, "postgres-secrets").getStringData();
        var databases = new LinkedHashSet<String>();
        for (var name : List.of("auth-server", "customer-service", "account-service")) {
            var environment = environment(overlay, container(one(overlay, Deployment.class, name)));
            var url = environment.entrySet().stream().filter(entry -> entry.getKey().endsWith("_DB_URL")).findFirst()
                    .orElseThrow().getValue();
            assertThat(url).startsWith("jdbc:postgresql://postgres:5432/");
            databases.add(url.substring(url.lastIndexOf('/') + 1));
            assertThat(environment.entrySet()).filteredOn(entry -> entry.getKey().endsWith("_DB_PASSWORD"))
                    .singleElement().extracting(Map.Entry::getValue).isEqualTo(server.get("POSTGRES_PASSWORD"));
            assertThat(environment.entrySet()).filteredOn(entry -> entry.getKey().endsWith("_DB_USER"))
                    .singleElement().extracting(Map.Entry::getValue).isEqualTo(server.get("POSTGRES_USER"));
        }
        assertThat(databases).hasSize(3);
        var init = one(overlay, ConfigMap.class, "postgres-init").getData().values().iterator().next();
        assertThat(databases).allSatisfy(database -> assertThat(init).contains("CREATE DATABASE " + database + ";"));
    }

    // --- reading the manifests -------------------------------------------------------------------------------

    /** A kustomization's resources (and its bases'), with its patches applied as a strategic merge of maps. */
    static List<HasMetadata> kustomization(Path directory) throws IOException {
        var kustomization = YAML.readTree(directory.resolve("kustomization.yaml").toFile());
        var known = Set.of("apiVersion", "kind", "resources", "patches");
        kustomization.propertyNames().forEach(field -> assertThat(known)
                .as(directory + "/kustomization.yaml: a field this test does not apply").contains(field));
        var resources = new ArrayList<HasMetadata>();
        for (var entry : kustomization.path("resources")) {
            var path = directory.resolve(entry.asString()).normalize();
            if (Files.isDirectory(path)) {
                resources.addAll(kustomization(path));
            } else {
                resources.addAll(manifests(path));
            }
        }
        for (var patch : kustomization.path("patches")) {
            for (var changes : manifests(directory.resolve(patch.path("path").asString()))) {
                var target = resources.stream().filter(resource -> resource.getKind().equals(changes.getKind())
                        && resource.getMetadata().getName().equals(changes.getMetadata().getName())).findFirst()
                        .orElseThrow(() -> new AssertionError("a patch of nothing: " + changes.getKind() + "/"
                                + changes.getMetadata().getName()));
                // Only Secrets' string data are patched here.
                assertThat(changes).isInstanceOf(Secret.class);
                ((Secret) target).getStringData().putAll(((Secret) changes).getStringData());
            }
        }
        return resources;
    }

    private static List<HasMetadata> manifests(Path file) throws IOException {
        var parsed = new ArrayList<HasMetadata>();
        for (var document : Files.readString(file).split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("#"))) {
                continue;
            }
            parsed.add(strict(document, file.toString()));
        }
        return parsed;
    }

    /** One document as its Kubernetes type, refused when it has a field that type does not know. */
    private static HasMetadata strict(String document, String where) {
        Object resource = KUBERNETES_TYPES.unmarshal(document);
        assertThat(resource).as(where + ": a known Kubernetes type").isInstanceOf(HasMetadata.class)
                .isNotInstanceOf(GenericKubernetesResource.class);
        var unknown = new ArrayList<String>();
        unknownFields(resource, ((HasMetadata) resource).getKind(), unknown, new IdentityHashMap<>());
        assertThat(unknown).as(where + ": fields Kubernetes does not know").isEmpty();
        return (HasMetadata) resource;
    }

    private static void unknownFields(Object value, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (value == null || seen.put(value, true) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (var item : items) {
                unknownFields(item, path + "[" + index++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> unknownFields(item, path + "." + key, unknown, seen));
            return;
        }
        if (!value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(ex);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) field).keySet().forEach(key -> unknown.add(path + "." + key));
            } else {
                unknownFields(field, path + "." + getter.getName().substring(3), unknown, seen);
            }
        }
    }

    static <T extends HasMetadata> T one(List<HasMetadata> resources, Class<T> type, String name) {
        return resources.stream().filter(type::isInstance).map(type::cast)
                .filter(resource -> resource.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    static Container container(Deployment deployment) {
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    /** The container's environment: its ConfigMaps' and Secrets' entries, then its own; each reference checked. */
    private static Map<String, String> environment(List<HasMetadata> resources, Container container) {
        var environment = new LinkedHashMap<String, String>();
        for (var source : container.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                environment.putAll(one(resources, ConfigMap.class, source.getConfigMapRef().getName()).getData());
            } else {
                environment.putAll(one(resources, Secret.class, source.getSecretRef().getName()).getStringData());
            }
        }
        for (var variable : container.getEnv()) {
            if (variable.getValueFrom() != null) {
                var reference = variable.getValueFrom().getSecretKeyRef();
                var data = one(resources, Secret.class, reference.getName()).getStringData();
                assertThat(data).as("Secret " + reference.getName()).containsKey(reference.getKey());
                environment.put(variable.getName(), data.get(reference.getKey()));
            } else {
                environment.put(variable.getName(), variable.getValue());
            }
        }
        return environment;
    }

    private static String containerPort(Container container, Probe probe) {
        var port = probe.getHttpGet().getPort();
        if (port.getStrVal() == null) {
            return String.valueOf(port.getIntVal());
        }
        return container.getPorts().stream().filter(candidate -> port.getStrVal().equals(candidate.getName()))
                .map(candidate -> String.valueOf(candidate.getContainerPort())).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
    }

    // --- reading the services' configuration -----------------------------------------------------------------

    private static Stream<Path> configurationFiles(String service) throws IOException {
        return Files.list(ROOT.resolve(service + "/src/main/resources"))
                .filter(file -> file.getFileName().toString().matches("application(-[a-z]+)?\\.yml"));
    }

    /** The service's application.yml, flattened: server.port -> "${CUSTOMER_SERVICE_PORT:8081}". */
    private static Map<String, String> settings(String service) throws IOException {
        var flat = new LinkedHashMap<String, String>();
        flatten("", YAML.readTree(ROOT.resolve(service + "/src/main/resources/application.yml").toFile()), flat);
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> flat) {
        if (node.isObject()) {
            node.properties().forEach(field -> flatten(prefix.isEmpty() ? field.getKey()
                    : prefix + "." + field.getKey(), field.getValue(), flat));
        } else if (node.isArray()) {
            flat.put(prefix, node.toString());
        } else {
            flat.put(prefix, node.asString());
        }
    }

    /** The environment variables the service's configuration files name in placeholders. */
    private static Set<String> placeholders(String service) throws IOException {
        var names = new LinkedHashSet<String>();
        try (var files = configurationFiles(service)) {
            for (var file : files.toList()) {
                var matcher = PLACEHOLDER.matcher(Files.readString(file));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        return names;
    }

    /** A setting's value in that environment: "${VAR:default}" is the variable's value, else the default. */
    private static String resolve(String setting, Map<String, String> environment) {
        var matcher = Pattern.compile("\\$\\{([A-Z0-9_]+):([^}]*)}").matcher(setting);
        if (!matcher.matches()) {
            return setting;
        }
        return environment.getOrDefault(matcher.group(1), matcher.group(2));
    }
}
