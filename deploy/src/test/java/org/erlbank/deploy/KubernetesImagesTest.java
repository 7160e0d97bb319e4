package org.erlbank.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The services' container images, built the way a user builds them: by the Maven build's own Jib configuration
 * ({@code jib:buildTar}, no Docker daemon), here in a second Maven run (on a copy of the sources) on a base image
 * tarball this test makes (no registry is reachable here; a user's build takes {@code eclipse-temurin:17-jre} from
 * Docker Hub, or any base named by {@code -Djib.from.image}). Each image is then read back and held against the
 * Kubernetes manifest that runs it: the name the Deployment pulls, the user its pods run as, the ports it opens, a
 * main class that is in the image, and a class path every entry of which is in the image (a dependency on another
 * module of this build must arrive as its jar: a reactor's loose class folder would leave an empty directory and a
 * service that cannot start).
 */
class KubernetesImagesTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    private static final List<String> SERVICES = List.of("auth-server", "customer-service", "account-service",
            "gateway");
    private static final JsonMapper JSON = new JsonMapper();
    private static final String BASE_FILE = "etc/erlbank-test-base";

    @TempDir
    static Path work;

    private static String baseLayerDiffId;
    private static List<HasMetadata> manifests;

    /** The name every image is tagged with, and the Deployments pull. */
    static String image(String service) {
        return "erlbank/" + service + ":" + System.getProperty("erlbank.version");
    }

    @BeforeAll
    static void buildTheImages() throws Exception {
        manifests = KubernetesManifestsTest.kustomization(Path.of("kubernetes/base"));
        var base = work.resolve("base.tar");
        baseLayerDiffId = baseImage(base);
        var log = work.resolve("jib.log");
        var sources = copyOfTheSources(sources());
        var maven = new ProcessBuilder(sources.resolve("mvnw").toString(), "-B", "-q",
                "-pl", String.join(",", SERVICES), "-am", "package", "-DskipTests",
                "jib:buildTar",
                "-Djib.from.image=tar://" + base,
                "-Djib.disableUpdateChecks=true",
                "-Djib.applicationCache=" + work.resolve("application-cache"),
                "-Djib.baseImageCache=" + work.resolve("base-image-cache"))
                .directory(sources.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!maven.waitFor(5, TimeUnit.MINUTES)) {
            maven.destroyForcibly();
            throw new AssertionError("jib:buildTar took longer than five minutes; its output: " + tail(log));
        }
        assertThat(maven.exitValue()).as("jib:buildTar failed: %s", tail(log)).isZero();
    }

    @Test
    void eachImageIsNamedAsItsDeploymentPullsItAndBuiltOnTheGivenBase() throws IOException {
        for (var service : SERVICES) {
            var image = Image.read(tarball(service));
            var deployment = KubernetesManifestsTest.one(manifests, Deployment.class, service);
            assertThat(image.manifest().get(0).get("RepoTags").get(0).asString())
                    .isEqualTo(KubernetesManifestsTest.container(deployment).getImage())
                    .isEqualTo(image(service));
            var diffIds = image.config().get("rootfs").get("diff_ids");
            assertThat(diffIds.get(0).asString()).as(service).isEqualTo(baseLayerDiffId);
            assertThat(image.files()).as(service).contains(BASE_FILE);
        }
    }

    @Test
    void eachImageRunsAsItsPodsUserAndOpensItsPodsPorts() throws IOException {
        for (var service : SERVICES) {
            var image = Image.read(tarball(service));
            var container = KubernetesManifestsTest.container(
                    KubernetesManifestsTest.one(manifests, Deployment.class, service));
            var pod = KubernetesManifestsTest.one(manifests, Deployment.class, service).getSpec().getTemplate()
                    .getSpec().getSecurityContext();
            var config = image.config().get("config");
            assertThat(config.get("User").asString()).as(service)
                    .isEqualTo(pod.getRunAsUser() + ":" + pod.getRunAsGroup());
            Set<String> exposed = new LinkedHashSet<>(config.get("ExposedPorts").propertyNames());
            assertThat(exposed).as(service).containsExactlyInAnyOrderElementsOf(container.getPorts().stream()
                    .map(port -> port.getContainerPort() + "/tcp").toList());
        }
    }

    @Test
    void eachImageHoldsItsMainClassAndEveryEntryOfItsClassPath() throws IOException {
        for (var service : SERVICES) {
            var image = Image.read(tarball(service));
            var entrypoint = new ArrayList<String>();
            image.config().get("config").get("Entrypoint").forEach(part -> entrypoint.add(part.asString()));
            assertThat(entrypoint).as(service).startsWith("java", "-cp", "@/app/jib-classpath-file");
            var mainClass = entrypoint.get(entrypoint.size() - 1);
            assertThat(image.files()).as(service)
                    .contains("app/classes/" + mainClass.replace('.', '/') + ".class")
                    .contains("app/resources/application.yml");
            var classPath = image.text("app/jib-classpath-file").strip().split(":");
            assertThat(classPath).as(service).contains("/app/classes", "/app/resources");
            for (var entry : classPath) {
                if (entry.startsWith("/app/libs/")) {
                    assertThat(entry).as("%s: a class path entry that is no jar", service).endsWith(".jar");
                    assertThat(image.files()).as(service).contains(entry.substring(1));
                }
            }
        }
        // The services' own library from this build, as a jar with its classes in it.
        var account = Image.read(tarball("account-service"));
        var library = account.files().stream().filter(file -> file.matches("app/libs/http-support-.*\\.jar"))
                .findFirst().orElseThrow(() -> new AssertionError("no http-support jar in account-service"));
        assertThat(account.size(library)).isGreaterThan(10_000);
    }

    private static Path tarball(String service) {
        return sources().resolve(service).resolve("target/jib-image.tar");
    }

    /** Where the second Maven run works. */
    private static Path sources() {
        return work.resolve("sources");
    }

    /**
     * The build's sources, nothing built: the second Maven run works in a copy, so that it shares no target
     * directory with the build that runs this test. Maven builds modules side by side here ({@code -T 1C}), and
     * once both runs wrote http-support's jar at the same time and the second one read it half-written.
     */
    private static Path copyOfTheSources(Path copy) throws IOException {
        var skipped = Set.of("target", ".git", ".erlbank", "data", "node_modules");
        Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
                    throws IOException {
                if (!directory.equals(ROOT) && skipped.contains(directory.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(copy.resolve(ROOT.relativize(directory).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                // With its attributes: mvnw stays executable.
                Files.copy(file, copy.resolve(ROOT.relativize(file).toString()),
                        StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
        return copy;
    }

    /**
     * A base image as {@code docker save} writes one: a manifest, a configuration and one layer holding one file
     * (so that the images built on it can be seen to carry it). Returns the layer's diff id.
     */
    private static String baseImage(Path file) throws IOException, NoSuchAlgorithmException {
        var layer = new ByteArrayOutputStream();
        try (var tar = new TarArchiveOutputStream(layer)) {
            put(tar, BASE_FILE, "the base image KubernetesImagesTest makes\n".getBytes(StandardCharsets.UTF_8));
        }
        var diffId = "sha256:" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(layer.toByteArray()));
        var config = JSON.writeValueAsBytes(Map.of("architecture", "amd64", "os", "linux",
                "config", Map.of("Env", List.of("PATH=/usr/local/bin:/usr/bin:/bin")),
                "rootfs", Map.of("type", "layers", "diff_ids", List.of(diffId))));
        var manifest = JSON.writeValueAsBytes(List.of(Map.of("Config", "config.json",
                "RepoTags", List.of("erlbank-test/base:1"), "Layers", List.of("layer.tar"))));
        try (var tar = new TarArchiveOutputStream(Files.newOutputStream(file))) {
            put(tar, "manifest.json", manifest);
            put(tar, "config.json", config);
            put(tar, "layer.tar", layer.toByteArray());
        }
        return diffId;
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        var entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static String tail(Path log) throws IOException {
        var lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** An image tarball as Jib writes it (docker format): its manifest, its configuration, and its layers' files. */
    private record Image(JsonNode manifest, JsonNode config, Map<String, byte[]> layerFiles) {

        static Image read(Path tarball) throws IOException {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            try (var tar = new TarArchiveInputStream(Files.newInputStream(tarball))) {
                for (var entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    entries.put(entry.getName(), tar.readAllBytes());
                }
            }
            var manifest = JSON.readTree(entries.get("manifest.json"));
            var config = JSON.readTree(entries.get(manifest.get(0).get("Config").asString()));
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (var layer : manifest.get(0).get("Layers")) {
                byte[] bytes = entries.get(layer.asString());
                InputStream in = new ByteArrayInputStream(bytes);
                if (layer.asString().endsWith(".gz")) {
                    in = new GzipCompressorInputStream(in);
                }
                try (var tar = new TarArchiveInputStream(in)) {
                    for (var entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                        if (!entry.isDirectory()) {
                            files.put(entry.getName(), tar.readAllBytes());
                        }
                    }
                }
            }
            return new Image(manifest, config, files);
        }

        Set<String> files() {
            return layerFiles.keySet();
        }

        long size(String file) {
            return layerFiles.get(file).length;
        }

        String text(String file) {
            return new String(layerFiles.get(file), StandardCharsets.UTF_8);
        }
    }
}
