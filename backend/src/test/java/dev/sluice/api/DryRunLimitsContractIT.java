package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.sluice.ApiCalls;
import dev.sluice.ApiCalls.Response;
import dev.sluice.TestApplication;

/**
 * The bounds of {@code POST /api/flows/dry-run}, which any member of a workspace may call: events per request,
 * time per request, size of the answer, dry-runs at once per user. The budget and size cap are lowered here so
 * the tests run quickly; the defaults are 10 s and 8 MiB.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.demo.enabled=true", "sluice.demo.password=demo-it", "sluice.dry-run.budget=3s",
                "sluice.dry-run.max-response-size=256KB"})
abstract class DryRunLimitsContractIT {

    private static final String SPIN = "{\"code\": \"function process(event) { while (true) {} }\"}";

    @LocalServerPort
    int port;

    @Test
    void refusesMoreThanTwoHundredEventsAtTheEventsPath() {
        Response refused = dryRun("finance", ApiErrorsContractIT.flow("select", "{\"paths\": [\"$.data.userId\"]}"),
                events(201, ""));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().path("errors").path(0).path("path").asText()).isEqualTo("$.events");
        assertThat(refused.body()).contains("200");
    }

    @Test
    void stopsAtTheTimeBudgetWithTheResultsSoFarAndANote() {
        // the first script of the JVM starts the JavaScript engine, which is not what this test times
        assertThat(dryRun("viewer", ApiErrorsContractIT.flow("script",
                "{\"code\": \"function process(event) { return event; }\"}"), events(1, "")).status()).isEqualTo(200);
        long start = System.nanoTime();
        // 200 events, because a warm JavaScript engine reaches a spin's statement limit long before its 1 s budget.
        // viewer, not finance: this run's last event keeps its slot for up to a second after the answer
        Response partial = dryRun("viewer", ApiErrorsContractIT.flow("script", SPIN), events(200, ""));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(partial.status()).as(partial.body()).isEqualTo(200);
        assertThat(millis).isLessThan(3_000 + 2_500);
        JsonNode results = partial.json().path("results");
        assertThat(results.size()).isBetween(1, 199);
        assertThat(results.path(0).path("eventId").asText()).isEqualTo("e0");
        assertThat(results.path(0).path("failedAt").asText()).isEqualTo("step");
        assertThat(partial.json().path("truncated").asBoolean()).isTrue();
        assertThat(partial.json().path("note").asText()).contains("3 s", results.size() + " of 200");
    }

    @Test
    void stopsAddingResultsPastTheSizeCapWithANote() {
        Response capped = dryRun("finance", ApiErrorsContractIT.flow("select", "{\"paths\": [\"$.data\"]}"),
                events(20, "x".repeat(20_000)));

        assertThat(capped.status()).as(capped.body()).isEqualTo(200);
        assertThat(capped.body().length()).isLessThan(256 * 1024);
        assertThat(capped.json().path("results").size()).isBetween(1, 19);
        assertThat(capped.json().path("truncated").asBoolean()).isTrue();
        assertThat(capped.json().path("note").asText()).contains("256 KiB");
    }

    @Test
    void answersInFullWithinTheLimits() {
        Response full = dryRun("finance", ApiErrorsContractIT.flow("select", "{\"paths\": [\"$.data.userId\"]}"),
                events(200, ""));

        assertThat(full.status()).as(full.body()).isEqualTo(200);
        assertThat(full.json().path("results")).hasSize(200);
        assertThat(full.json().path("truncated").asBoolean()).isFalse();
        assertThat(full.json().has("note")).isFalse();
    }

    @Test
    void refusesAThirdDryRunAtOnceOfOneUserWith429() throws Exception {
        String slow = ApiErrorsContractIT.flow("script", SPIN);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // each runs to its 3 s budget, so the three overlap
            calls.add(() -> dryRun("finance", slow, events(200, "")));
        }

        List<Response> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(calls.size())) {
            for (Future<Response> answer : pool.invokeAll(calls)) {
                answers.add(answer.get());
            }
        }

        assertThat(answers).extracting(Response::status).containsExactlyInAnyOrder(200, 200, 429);
        assertThat(answers).filteredOn(answer -> answer.status() == 429).singleElement()
                .satisfies(busy -> assertThat(busy.body()).contains("at most 2 dry-runs at once"));
        assertThat(acceptedAgainWithin(5_000)).as("a dry-run accepted once the others have ended").isTrue();
    }

    /** The slots of truncated runs come back when their last event's step ends, up to a second later. */
    private boolean acceptedAgainWithin(long millis) throws InterruptedException {
        String quick = ApiErrorsContractIT.flow("select", "{\"paths\": [\"$.data.userId\"]}");
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (dryRun("finance", quick, events(1, "")).status() == 200) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private Response dryRun(String user, String flow, String events) {
        return new ApiCalls(port, "demo-it").call("POST", "/api/flows/dry-run", user,
                "{\"flow\": " + flow + ", \"events\": " + events + "}");
    }

    private static String events(int count, String blob) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add("""
                    {"specversion": "1.0", "id": "e%d", "source": "/u", "type": "user.created",
                     "data": {"userId": "u%d", "blob": "%s"}}""".formatted(i, i, blob));
        }
        return "[" + String.join(",", events) + "]";
    }
}
