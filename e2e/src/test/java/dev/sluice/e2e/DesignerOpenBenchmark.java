package dev.sluice.e2e;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * How long the designer takes to open a 60-node flow in headless Chromium until a steward can work on it: the
 * page is loaded fresh, every node is drawn, and a click on a node has brought up its property form (a round
 * trip through the server). A 5-node flow opened the same way in the same run is the baseline. Prints figures
 * and the ratio, never fails. Run: {@code ./mvnw -q -pl e2e -am -Pbench-designer -DskipTests verify} (README "Benchmarks").
 */
public final class DesignerOpenBenchmark {

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 9);
    private static final int BRANCH_LENGTH = 27;

    // Runs in the page: waits (by animation frame) for the nodes, clicks the last one, waits for its form; answers
    // [ms from navigation start to all nodes drawn, ms to the form shown].
    private static final String MEASURE = """
            const [count, last, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
            const drawnCount = () => document.querySelectorAll('.react-flow__node').length;
            const drawn = () => new Promise(resolve => {
              const look = () => drawnCount() >= count ? resolve(performance.now()) : requestAnimationFrame(look);
              look();
            });
            const formOf = id => new Promise(resolve => {
              const look = () => {
                const title = document.getElementById('node-form-title');
                title && title.textContent.startsWith(id + ' ') ? resolve(performance.now()) : setTimeout(look, 5);
              };
              look();
            });
            drawn().then(nodesAt => {
              document.querySelector('.react-flow__node[data-id="' + last + '"]').click();
              return formOf(last).then(formAt => done([nodesAt, formAt]));
            });
            """;

    private DesignerOpenBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (SluiceProcess sluice = SluiceProcess.start()) {
            SluiceApi api = new SluiceApi(sluice.baseUrl());
            long large = api.importFlow("finance", largeFlow());
            long small = api.importFlow("finance", smallFlow());
            WebDriver driver = Browser.open();
            try {
                LoginPage.open(driver, sluice.baseUrl()).signInExpectingSuccess("finance", "demo");
                driver.manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(60));
                List<double[]> smallTimes = new ArrayList<>();
                List<double[]> largeTimes = new ArrayList<>();
                for (int round = 0; round <= ROUNDS; round++) {
                    double[] s = open(driver, sluice.baseUrl(), small, 5, "ledger");
                    double[] l = open(driver, sluice.baseUrl(), large, 60, "ledger-b");
                    if (round > 0) { // the first round warms up the server and the browser cache
                        smallTimes.add(s);
                        largeTimes.add(l);
                    }
                }
                report(smallTimes, largeTimes);
            } finally {
                driver.quit();
            }
        }
    }

    private static double[] open(WebDriver driver, String baseUrl, long id, int nodes, String last) {
        driver.get(baseUrl + "/flows/" + id);
        List<?> at = (List<?>) ((JavascriptExecutor) driver).executeAsyncScript(MEASURE, nodes, last);
        return new double[] {((Number) at.get(0)).doubleValue(), ((Number) at.get(1)).doubleValue()};
    }

    private static void report(List<double[]> small, List<double[]> large) {
        double smallDrawn = median(small, 0);
        double smallReady = median(small, 1);
        double largeDrawn = median(large, 0);
        double largeReady = median(large, 1);
        System.out.printf("Designer opening a flow, headless Chromium, %d rounds (median / worst), ms from navigation:%n",
                large.size());
        System.out.printf("  5-node flow:  all nodes drawn %6.0f / %6.0f   interactive (node clicked, form shown) %6.0f / %6.0f%n",
                smallDrawn, worst(small, 0), smallReady, worst(small, 1));
        System.out.printf("  60-node flow: all nodes drawn %6.0f / %6.0f   interactive (node clicked, form shown) %6.0f / %6.0f%n",
                largeDrawn, worst(large, 0), largeReady, worst(large, 1));
        System.out.printf("  60-node / 5-node: %.2fx (interactive); goal: 60-node interactive within 2000 ms -> %s%n",
                largeReady / smallReady, largeReady <= 2000 ? "met" : "NOT met");
    }

    private static double median(List<double[]> times, int index) {
        List<Double> values = new ArrayList<>(times.stream().map(t -> t[index]).toList());
        Collections.sort(values);
        return values.get(values.size() / 2);
    }

    private static double worst(List<double[]> times, int index) {
        return times.stream().mapToDouble(t -> t[index]).max().orElse(Double.NaN);
    }

    private static String smallFlow() {
        return """
                {"schemaVersion": 1, "name": "bench-5-nodes", "workspace": "finance",
                 "nodes": [%s],
                 "edges": [{"from": "users", "to": "cny"}, {"from": "cny", "to": "split"}, {"from": "split", "to": "mask"},
                           {"from": "mask", "to": "ledger"}]}
                """.formatted(String.join(",", PREFIX_NODES) + ", {\"id\": \"ledger\", \"kind\": \"target.log\", \"config\": {}}");
    }

    /** The finance payment flow's first four nodes, then two branches of 27 set nodes, each to a log target: 60. */
    private static String largeFlow() {
        StringJoiner nodes = new StringJoiner(",\n");
        StringJoiner edges = new StringJoiner(",\n");
        PREFIX_NODES.forEach(nodes::add);
        edges.add(edge("users", "cny")).add(edge("cny", "split")).add(edge("split", "mask"));
        StringJoiner layout = new StringJoiner(",\n");
        String[] prefix = {"users", "cny", "split", "mask"};
        for (int i = 0; i < prefix.length; i++) {
            layout.add(position(prefix[i], 220 * i, 200));
        }
        for (String branch : List.of("a", "b")) {
            String previous = "mask";
            int row = branch.equals("a") ? 0 : 400;
            for (int step = 1; step <= BRANCH_LENGTH; step++) {
                String id = "set-" + branch + step;
                nodes.add("{\"id\": \"" + id + "\", \"kind\": \"set\", \"config\": {\"values\": [{\"path\": \"$.data.step"
                        + step + "\", \"value\": " + step + "}]}}");
                edges.add(edge(previous, id));
                layout.add(position(id, 220 * (3 + step), row));
                previous = id;
            }
            nodes.add("{\"id\": \"ledger-" + branch + "\", \"kind\": \"target.log\", \"config\": {}}");
            edges.add(edge(previous, "ledger-" + branch));
            layout.add(position("ledger-" + branch, 220 * (4 + BRANCH_LENGTH), row));
        }
        return "{\"schemaVersion\": 1, \"name\": \"bench-60-nodes\", \"workspace\": \"finance\",\n \"nodes\": [" + nodes
                + "],\n \"edges\": [" + edges + "],\n \"layout\": {" + layout + "}}";
    }

    private static final List<String> PREFIX_NODES = List.of(
            "{\"id\": \"users\", \"kind\": \"source\", \"config\": {\"source\": \"user-center.users\", \"types\": [\"user.payment.updated\"]}}",
            "{\"id\": \"cny\", \"kind\": \"filter\", \"config\": {\"pattern\": {\"data\": {\"payment\": {\"currency\": [\"CNY\"]}}}}}",
            "{\"id\": \"split\", \"kind\": \"select\", \"config\": {\"paths\": [\"$.data.userId\", \"$.data.payment\"]}}",
            "{\"id\": \"mask\", \"kind\": \"mask\", \"config\": {\"rules\": [{\"path\": \"$.data.payment.bankAccount\", \"mode\": \"partial\", \"keepLast\": 4}]}}");

    private static String edge(String from, String to) {
        return "{\"from\": \"" + from + "\", \"to\": \"" + to + "\"}";
    }

    private static String position(String id, int x, int y) {
        return "\"" + id + "\": {\"x\": " + x + ", \"y\": " + y + "}";
    }
}
