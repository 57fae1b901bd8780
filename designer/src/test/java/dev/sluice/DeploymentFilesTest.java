package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files in {@code deploy/} agree with Sluice: every setting they give a Sluice container (an
 * environment variable, a ConfigMap entry, a secret file read as a setting) is one Sluice reads, or one of Spring
 * Boot's own it relies on; the compose file and the Kubernetes manifests run one designer and two engines on a
 * three-node RabbitMQ cluster with the plugins Sluice uses, on Sluice's port and health probes. The settings Sluice
 * reads are collected from its sources: placeholders, property and environment reads, and the components of its
 * {@code @ConfigurationProperties} records.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DEPLOY = ROOT.resolve("deploy");
    /** Read by Spring Boot or the JVM for Sluice, not by Sluice's code. */
    private static final Set<String> STANDARD = Set.of("spring.config.import", "spring.datasource.url",
            "spring.datasource.username", "spring.datasource.password", "logging.structured.format.console",
            "java.tool.options");
    private static final Set<String> ROLES = Set.of("designer", "engine");

    @Test
    void everySettingTheComposeFileGivesSluiceIsOneSluiceReads() throws IOException {
        Map<String, Object> compose = yaml(DEPLOY.resolve("compose/compose.yaml")).getFirst();
        Map<String, Map<String, Object>> sluice = sluiceServices(compose);

        assertThat(sluice).containsOnlyKeys("designer", "engine-1", "engine-2");
        for (Map.Entry<String, Map<String, Object>> service : sluice.entrySet()) {
            Map<String, Object> environment = map(service.getValue().get("environment"));
            assertThat(unread(environment.keySet())).as("settings of " + service.getKey() + " Sluice does not read")
                    .isEmpty();
            List<String> secrets = list(service.getValue().get("secrets")).stream().map(String::valueOf).toList();
            assertThat(secrets).as(service.getKey() + "'s secrets").isNotEmpty();
            assertThat(unread(secrets)).as("secrets of " + service.getKey() + " read as settings Sluice does not read")
                    .isEmpty();
            assertThat(String.valueOf(environment.get("SPRING_CONFIG_IMPORT"))).as("where the secrets are read")
                    .isEqualTo("optional:configtree:/run/secrets/");
            assertThat(list(service.getValue().get("volumes"))).as(service.getKey() + "'s data volume")
                    .anySatisfy(volume -> assertThat(String.valueOf(volume)).endsWith(":/var/lib/sluice"));
        }
        assertThat(sluice.values().stream().map(service -> String.valueOf(map(service.get("environment"))
                .get("SLUICE_ROLES")))).containsExactlyInAnyOrder("designer", "engine", "engine");
        assertThat(list(sluice.get("designer").get("ports")).stream().map(String::valueOf))
                .containsExactly("8080:8080");
        assertThat(map(compose.get("secrets")).keySet()).as("every secret comes from a file under ./secrets")
                .allSatisfy(name -> assertThat(String.valueOf(map(map(compose.get("secrets")).get(name)).get("file")))
                        .isEqualTo("./secrets/" + name));
    }

    @Test
    void theComposeFileRunsAThreeNodeRabbitMqClusterWithThePluginsSluiceUses() throws IOException {
        Map<String, Object> services = map(yaml(DEPLOY.resolve("compose/compose.yaml")).getFirst().get("services"));
        String config = Files.readString(DEPLOY.resolve("compose/rabbitmq.conf"));
        String plugins = Files.readString(DEPLOY.resolve("compose/enabled_plugins"));

        for (String node : List.of("rabbit-1", "rabbit-2", "rabbit-3")) {
            assertThat(String.valueOf(map(services.get(node)).get("hostname"))).isEqualTo(node);
            assertThat(config).contains("= rabbit@" + node);
        }
        assertThat(plugins).contains("rabbitmq_management", "rabbitmq_shovel", "rabbitmq_shovel_management",
                "rabbitmq_consistent_hash_exchange");
    }

    @Test
    void everySettingTheKubernetesManifestsGiveSluiceIsOneSluiceReads() throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        List<String> generated = new ArrayList<>();
        try (Stream<Path> files = Files.walk(DEPLOY.resolve("kubernetes"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                for (Map<String, Object> document : yaml(file)) {
                    documents.add(document);
                    for (Object generator : list(document.get("configMapGenerator"))) {
                        if ("sluice-settings".equals(map(generator).get("name"))) {
                            list(map(generator).get("literals")).forEach(literal ->
                                    generated.add(String.valueOf(literal).split("=", 2)[0]));
                        }
                    }
                }
            }
        }
        List<Map<String, Object>> containers = new ArrayList<>();
        documents.forEach(document -> collectSluiceContainers(document, containers));
        Set<String> environment = new TreeSet<>(generated);
        containers.forEach(container -> list(container.get("env"))
                .forEach(variable -> environment.add(String.valueOf(map(variable).get("name")))));

        assertThat(containers).as("Sluice containers in the manifests").hasSizeGreaterThanOrEqualTo(2);
        assertThat(environment).contains("SLUICE_ROLES", "SLUICE_REGION", "SPRING_DATASOURCE_URL");
        assertThat(unread(environment)).as("settings in the manifests Sluice does not read").isEmpty();
        for (Map<String, Object> container : containers) {
            list(container.get("env")).stream().map(DeploymentFilesTest::map)
                    .filter(variable -> "SLUICE_ROLES".equals(variable.get("name")))
                    .forEach(variable -> assertThat(String.valueOf(variable.get("value"))).isIn(ROLES));
            if (container.containsKey("image")) {
                assertThat(list(container.get("ports"))).anySatisfy(port ->
                        assertThat(map(port).get("containerPort")).isEqualTo(defaultPort()));
                assertThat(String.valueOf(map(map(container.get("readinessProbe")).get("httpGet")).get("path")))
                        .isEqualTo("/actuator/health/readiness");
                assertThat(String.valueOf(map(map(container.get("livenessProbe")).get("httpGet")).get("path")))
                        .isEqualTo("/actuator/health/liveness");
            }
        }
        assertThat(applicationProperties()).as("the probes the manifests use are on")
                .contains("management.endpoint.health.probes.enabled=true");
        Map<String, Object> replicas = new TreeMap<>();
        documents.stream().filter(document -> "Deployment".equals(document.get("kind")))
                .forEach(document -> replicas.put(String.valueOf(map(document.get("metadata")).get("name")),
                        map(document.get("spec")).get("replicas")));
        assertThat(replicas).containsEntry("sluice-designer", 1).containsEntry("sluice-engine", 2);
        assertThat(documents.stream().filter(document -> "RabbitmqCluster".equals(document.get("kind")))
                .map(document -> map(document.get("spec")).get("replicas"))).containsExactly(3);
    }

    @Test
    void eachRegionsManifestsRenderWithKustomize() throws Exception {
        String kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(directory -> Path.of(directory, "kubectl")).filter(Files::isExecutable).map(Path::toString)
                .findFirst().orElse(null);
        assumeThat(kubectl).as("kubectl on the PATH").isNotNull();
        for (String region : List.of("cn-east", "cn-north")) {
            Process render = new ProcessBuilder(kubectl, "kustomize",
                    DEPLOY.resolve("kubernetes/regions/" + region).toString()).redirectErrorStream(true).start();
            String rendered = new String(render.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(render.waitFor()).as(rendered).isZero();
            assertThat(rendered).contains("namespace: sluice-" + region, "SLUICE_REGION: " + region,
                    "name: SLUICE_REGIONS_1_AMQPURI", "kind: RabbitmqCluster");
        }
    }

    @Test
    void everySluiceVariableTheReadmeDocumentsIsOneSluiceReads() throws IOException {
        Set<String> documented = new TreeSet<>();
        Matcher variable = Pattern.compile("^\\| `(SLUICE_[A-Z0-9_]+)`").matcher("");
        for (String line : Files.readAllLines(ROOT.resolve("README.md"))) {
            if (variable.reset(line).find()) {
                documented.add(variable.group(1));
            }
        }
        assertThat(documented).hasSizeGreaterThan(10);
        assertThat(unread(documented)).as("documented settings Sluice does not read").isEmpty();
    }

    @Test
    void aSettingIsMatchedAsSpringBootBindsIt() throws IOException {
        assertThat(unread(List.of("SLUICE_LDAP_USER_DN_PATTERN", "SLUICE_LDAP_USERDNPATTERN",
                "SLUICE_SIGNIN_MAX_FAILURES_PER_USER", "sluice.master-key", "sluice.masterKey", "SLUICE_REGIONS_3_VHOST",
                "SLUICE_AMQP_URI"))).isEmpty();
        assertThat(unread(List.of("SLUICE_AMQP_URL", "SLUICE_REGIONS_0_PASSWORD", "SLUICE_AMQPEMBEDDED_PORT")))
                .as("a misspelling, a setting regions have not, words run together across a dot").hasSize(3);
    }

    /** The names among {@code settings} (environment variables or property names) Sluice does not read. */
    private static List<String> unread(java.util.Collection<String> settings) throws IOException {
        Set<String> read = keysOfSettingsRead();
        return settings.stream().filter(name -> !read.contains(key(name))).toList();
    }

    private static Set<String> settingsRead;

    /** The keys of the settings Sluice reads and of the standard ones; read from the sources once. */
    private static synchronized Set<String> keysOfSettingsRead() throws IOException {
        if (settingsRead == null) {
            Set<String> read = new TreeSet<>();
            Stream.concat(settingsSluiceReads().stream(), STANDARD.stream()).forEach(name -> read.addAll(keys(name)));
            settingsRead = read;
        }
        return settingsRead;
    }

    private static final Pattern INDEX = Pattern.compile("\\[\\d*]|\\.\\d+(?=\\.|$)");
    private static final Pattern ENVIRONMENT_VARIABLE = Pattern.compile("[A-Z0-9_]+");

    /**
     * The names Spring Boot finds a setting under, any list index as {@code #}: the property, case and dashes aside
     * ({@code sluice.sign-in.max-failures-per-user}, {@code sluice.signIn.maxFailuresPerUser}), and the two
     * environment variables it maps it to: dashes removed ({@code SLUICE_SIGNIN_MAXFAILURESPERUSER}) or turned into
     * underscores ({@code SLUICE_SIGN_IN_MAX_FAILURES_PER_USER}). A variable read by name is only itself.
     */
    private static Set<String> keys(String name) {
        if (ENVIRONMENT_VARIABLE.matcher(name).matches()) {
            return Set.of(key(name));
        }
        String indexed = INDEX.matcher(name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase()).replaceAll(".#");
        String property = indexed.replaceAll("[-_]", "");
        return new TreeSet<>(List.of(property, property.replace('.', '_').toUpperCase(),
                indexed.replaceAll("[.\\-]", "_").toUpperCase()));
    }

    /** The key a setting given in a file is looked up by; see {@link #keys}. */
    private static String key(String setting) {
        if (ENVIRONMENT_VARIABLE.matcher(setting).matches()) {
            return setting.replaceAll("_\\d+(?=_|$)", "_#");
        }
        return INDEX.matcher(setting.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase()).replaceAll(".#")
                .replaceAll("[-_]", "");
    }

    private static Set<String> settingsSluiceReads() throws IOException {
        Set<String> names = new TreeSet<>();
        Pattern placeholder = Pattern.compile("\\$\\{([a-zA-Z0-9.\\-\\[\\]_]+)");
        Pattern propertyRead = Pattern.compile("getProperty\\(\"([a-z0-9.\\-]+)\"");
        Pattern environmentRead = Pattern.compile("getenv\\(\\)?(?:\\.getOrDefault)?\\(?\"([A-Z0-9_]+)\"");
        Pattern settingConstant = Pattern.compile("String SETTING = \"([a-z0-9.\\-]+)\"");
        Pattern properties = Pattern.compile("@ConfigurationProperties\\(\"([a-z0-9.\\-]+)\"\\)\\s*(?:public\\s+)?"
                + "(?:final\\s+)?(?:record|class)\\s+(\\w+)");
        for (String module : List.of("backend", "designer")) {
            Path main = ROOT.resolve(module).resolve("src/main");
            try (Stream<Path> files = Files.walk(main)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".java")
                        || path.toString().endsWith(".properties")).toList()) {
                    String text = Files.readString(file);
                    for (Pattern pattern : List.of(placeholder, propertyRead, environmentRead, settingConstant)) {
                        Matcher found = pattern.matcher(text);
                        while (found.find()) {
                            names.add(found.group(1));
                        }
                    }
                    Matcher bound = properties.matcher(text);
                    while (bound.find()) {
                        String type = main.resolve("java").relativize(file.getParent()).toString().replace('/', '.')
                                + "." + bound.group(2);
                        try {
                            addComponents(bound.group(1), Class.forName(type), names);
                        } catch (ClassNotFoundException e) {
                            throw new AssertionError("no class " + type + " for " + file, e);
                        }
                    }
                }
            }
        }
        return names;
    }

    private static void addComponents(String prefix, Type type, Set<String> names) {
        if (type instanceof ParameterizedType generic && generic.getRawType() == List.class) {
            addComponents(prefix + "[0]", generic.getActualTypeArguments()[0], names);
            return;
        }
        if (!(type instanceof Class<?> record) || !record.isRecord()) {
            names.add(prefix);
            return;
        }
        for (RecordComponent component : record.getRecordComponents()) {
            String name = component.getName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
            addComponents(prefix + "." + name, component.getGenericType(), names);
        }
    }

    private static Map<String, Map<String, Object>> sluiceServices(Map<String, Object> compose) {
        Map<String, Map<String, Object>> sluice = new TreeMap<>();
        map(compose.get("services")).forEach((name, service) -> {
            if (String.valueOf(map(service).get("image")).contains("SLUICE_IMAGE")) {
                sluice.put(name, map(service));
            }
        });
        return sluice;
    }

    /** Containers named {@code sluice} anywhere in a document (patches included), and those of Sluice's image. */
    private static void collectSluiceContainers(Object node, List<Map<String, Object>> containers) {
        if (node instanceof Map<?, ?> map) {
            Object found = map.get("containers");
            for (Object container : list(found)) {
                if ("sluice".equals(map(container).get("name"))) {
                    containers.add(map(container));
                }
            }
            map.values().forEach(value -> collectSluiceContainers(value, containers));
        } else if (node instanceof List<?> items) {
            items.forEach(item -> collectSluiceContainers(item, containers));
        }
    }

    private static int defaultPort() throws IOException {
        Matcher port = Pattern.compile("server\\.port=\\$\\{PORT:(\\d+)}").matcher(applicationProperties());
        assertThat(port.find()).as("server.port in application.properties").isTrue();
        return Integer.parseInt(port.group(1));
    }

    private static String applicationProperties() throws IOException {
        return Files.readString(ROOT.resolve("backend/src/main/resources/application.properties"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> yaml(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(Files.readString(file))) {
            if (document != null) {
                documents.add((Map<String, Object>) document);
            }
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }
}
