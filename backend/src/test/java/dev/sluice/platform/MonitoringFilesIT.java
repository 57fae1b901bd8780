package dev.sluice.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.ApiCalls;
import dev.sluice.TestApplication;
import dev.sluice.TestBackends;
import dev.sluice.json.Json;
import dev.sluice.region.Region;
import dev.sluice.region.RegionLinkKeeper;
import dev.sluice.region.RegionLinks;
import dev.sluice.region.Regions;

/**
 * The monitoring files in {@code deploy/} agree with what Sluice exports: every metric the alert rules and the Grafana
 * dashboard query is in a real scrape of {@code /actuator/prometheus}, taken the way {@code prometheus.yml} takes it;
 * the rules pass their promtool unit tests; the dashboard's panels use its data-source variable and do not overlap.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.demo.enabled=true", "sluice.demo.password=demo-it",
                "sluice.metrics.flow-state-every=200ms"})
class MonitoringFilesIT {

    private static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();
    /** Series Prometheus makes itself rather than scraping them. */
    private static final Set<String> MADE_BY_PROMETHEUS = Set.of("up");
    private static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        TestBackends.embedded(registry, dataDir);
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    ApiCalls api;

    @BeforeEach
    void client() {
        api = new ApiCalls(port, "demo-it");
    }

    @Test
    void everyMetricTheAlertRulesQueryIsExported() throws Exception {
        Set<String> exported = exportedMetricNames();
        Map<String, Set<String>> queried = new TreeMap<>();
        for (String line : Files.readAllLines(DEPLOY.resolve("prometheus/sluice-alerts.yml"))) {
            Matcher expr = Pattern.compile("^\\s*expr:\\s*(.+)$").matcher(line);
            if (expr.matches()) {
                queried.put(expr.group(1), metricNames(expr.group(1)));
            }
        }

        assertThat(queried).as("alert rules found").hasSizeGreaterThanOrEqualTo(5);
        queried.forEach((expr, names) -> assertThat(exported).as("exported metrics queried by " + expr)
                .containsAll(withoutPrometheusOwn(names)));
    }

    @Test
    void everyMetricTheDashboardQueriesIsExportedAndItsPanelsUseItsDataSourceWithoutOverlapping() throws Exception {
        Set<String> exported = exportedMetricNames();
        JsonNode dashboard = Json.MAPPER.readTree(Files.readString(DEPLOY.resolve("grafana/sluice-dashboard.json")));
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panels::add);
        assertThat(panels).as("dashboard panels").hasSizeGreaterThan(10);

        List<int[]> cells = new ArrayList<>();
        for (JsonNode panel : panels) {
            JsonNode grid = panel.path("gridPos");
            cells.add(new int[] {grid.path("x").asInt(), grid.path("y").asInt(), grid.path("w").asInt(),
                    grid.path("h").asInt()});
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            String title = panel.path("title").asText();
            assertThat(panel.path("datasource").path("uid").asText()).as(title + "'s data source")
                    .isEqualTo("${datasource}");
            assertThat(panel.path("targets")).as(title + "'s queries").isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                assertThat(exported).as("exported metrics queried by panel '" + title + "': " + expr)
                        .containsAll(withoutPrometheusOwn(metricNames(expr)));
            }
        }
        for (int a = 0; a < cells.size(); a++) {
            for (int b = a + 1; b < cells.size(); b++) {
                int[] one = cells.get(a);
                int[] other = cells.get(b);
                boolean overlap = one[0] < other[0] + other[2] && other[0] < one[0] + one[2]
                        && one[1] < other[1] + other[3] && other[1] < one[1] + one[3];
                assertThat(overlap).as("panels '%s' and '%s' overlap", panels.get(a).path("title").asText(),
                        panels.get(b).path("title").asText()).isFalse();
            }
        }
        String flows = dashboard.path("templating").path("list").findValue("definition").asText();
        assertThat(exported).as("the flow variable's metric").containsAll(metricNames(
                flows.replaceFirst("^label_values\\((\\w+),.*$", "$1")));
    }

    @Test
    void theAlertRulesPassTheirUnitTestsAndThePrometheusConfigIsValid() throws Exception {
        String promtool = promtool();
        assertThat(run(promtool, "check", "rules", "sluice-alerts.yml")).contains("SUCCESS");
        assertThat(run(promtool, "test", "rules", "sluice-alerts.test.yml")).contains("SUCCESS");
        assertThat(run(promtool, "check", "config", "prometheus.yml")).contains("SUCCESS");
    }

    @Test
    void theScrapeConfigurationNamesSluicesEndpoint() throws IOException {
        String config = Files.readString(DEPLOY.resolve("prometheus/prometheus.yml"));
        assertThat(config).contains("metrics_path: /actuator/prometheus", "password_file:")
                .doesNotContainPattern("(?m)^\\s*password:");
    }

    @Test
    void metricNamesAreReadFromPromql() {
        assertThat(metricNames(
                "sum by (flow) (increase(sluice_flow_events_total{outcome=\"dead_lettered\"}[10m])) > 0"))
                .containsExactly("sluice_flow_events_total");
        assertThat(metricNames("time() - max(sluice_audit_chain_verified_seconds) > 3600"))
                .containsExactly("sluice_audit_chain_verified_seconds");
        assertThat(metricNames("sum by (flow, node) (rate(a_sum{flow=~\"$flow\"}[$__rate_interval])) / "
                + "sum without (instance) (rate(b_count[5m] offset 1h)) and on (flow) c == bool 1e3"))
                .containsExactlyInAnyOrder("a_sum", "b_count", "c");
    }

    @Test
    void aPausedFlowIsExportedAsPausedAndARunningOneAsRunning() throws Exception {
        String scrape = scrape();

        String state = "(?m)^sluice_flow_paused\\{[^}]*flow=\"finance/%s\"[^}]*} %s$";
        assertThat(scrape).containsPattern(state.formatted(paused, "1\\.0"))
                .containsPattern(state.formatted(running, "0\\.0"));
    }

    /** The metric names in {@link #scrape()}. */
    private Set<String> exportedMetricNames() throws Exception {
        Set<String> names = new TreeSet<>();
        for (String line : scrape().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private static String scraped;
    private static String running;
    private static String paused;

    /**
     * A scrape taken as Prometheus takes it (a platform admin's Basic credentials), once, after two flows were
     * deployed and one of them paused, an event was published, the flows' states were read and, since one region has
     * no links, a keeper of two unreachable regions reported a link.
     */
    private synchronized String scrape() throws Exception {
        if (scraped != null) {
            return scraped;
        }
        running = deploy("monitored-running");
        paused = deploy("monitored-paused");
        assertThat(api.call("POST", "/api/flows/" + flowId(paused) + "/pause", "finance", "{}").status())
                .isEqualTo(200);
        String event = """
                {"specversion":"1.0","id":"%s","source":"/user-center","type":"user.created",
                 "datacontenttype":"application/json","data":{"userId":"u-1","email":"a@example.com"}}"""
                .formatted(ApiCalls.unique("monitoring"));
        assertThat(api.call("POST", "/api/sources/user-center.users/events", "central", event,
                "Content-Type", "application/cloudevents+json").status()).isEqualTo(202);
        Regions regions = new Regions("here", List.of(unreachableRegion("here"), unreachableRegion("there")));
        new RegionLinkKeeper(regions, new RegionLinks(regions, "it-monitoring"),
                () -> List.of(new RegionLinks.Link("user-center.users", "here", "there")), meters).keep();

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            ApiCalls.Response scrape = api.get("/actuator/prometheus", "admin");
            assertThat(scrape.status()).isEqualTo(200);
            boolean statesRead = scrape.body().contains("sluice_flow_paused")
                    && scrape.body().contains("flow=\"finance/" + paused + "\"");
            if (statesRead || Instant.now().isAfter(deadline)) {
                scraped = scrape.body();
                return scraped;
            }
            Thread.sleep(200);
        }
    }

    private final Map<String, Long> flowIds = new java.util.concurrent.ConcurrentHashMap<>();

    private String deploy(String prefix) {
        String name = ApiCalls.unique(prefix);
        ApiCalls.Response imported = api.call("POST", "/api/flows/import", "finance",
                ApiCalls.flow(name, "finance", "user.created"));
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        long id = imported.json().path("id").asLong();
        flowIds.put(name, id);
        ApiCalls.Response deployed = api.call("POST", "/api/flows/" + id + "/deploy", "finance", "{}");
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
        return name;
    }

    private long flowId(String name) {
        return flowIds.get(name);
    }

    private static Region unreachableRegion(String name) {
        return new Region(name, "amqp://127.0.0.1:1", URI.create("http://127.0.0.1:1"), null, null, null);
    }

    /** The metric names a PromQL expression selects: not functions, keywords, label names, strings or durations. */
    static Set<String> metricNames(String promql) {
        String selectors = promql.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Matcher name = Pattern.compile("(?<![\\w:.$])[a-zA-Z_:][\\w:]*+(?!\\s*\\()").matcher(selectors);
        Set<String> names = new TreeSet<>();
        while (name.find()) {
            if (!PROMQL_WORDS.contains(name.group().toLowerCase())) {
                names.add(name.group());
            }
        }
        return names;
    }

    private static Set<String> withoutPrometheusOwn(Set<String> names) {
        Set<String> scraped = new TreeSet<>(names);
        scraped.removeAll(MADE_BY_PROMETHEUS);
        return scraped;
    }

    /**
     * promtool from {@code SLUICE_IT_PROMTOOL} (CI sets it: then it must be there) or the {@code PATH}; without either
     * this test is skipped, as on a machine with only a JDK.
     */
    private static String promtool() {
        String configured = System.getenv("SLUICE_IT_PROMTOOL");
        if (configured != null && !configured.isBlank()) {
            assertThat(Path.of(configured)).as("SLUICE_IT_PROMTOOL").isExecutable();
            return configured;
        }
        String onPath = List.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)).stream()
                .map(directory -> Path.of(directory, "promtool")).filter(Files::isExecutable).map(Path::toString)
                .findFirst().orElse(null);
        assumeThat(onPath).as("promtool on the PATH (the prometheus package), or SLUICE_IT_PROMTOOL").isNotNull();
        return onPath;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(DEPLOY.resolve("prometheus").toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ":\n" + output).isZero();
        return output;
    }
}
