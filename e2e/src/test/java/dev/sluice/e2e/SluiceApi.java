package dev.sluice.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.json.Json;

/** The REST API of a running Sluice, called with HTTP Basic as one of the demo users (password {@code demo}). */
final class SluiceApi {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    SluiceApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    HttpResponse<String> call(String user, String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The id of the flow {@code name} of {@code workspace}, as {@code user} lists it. */
    @SuppressWarnings("unchecked")
    long flowId(String user, String workspace, String name) {
        HttpResponse<String> listed = call(user, "GET", "/api/flows?workspace=" + workspace, null);
        if (listed.statusCode() != 200) {
            throw new IllegalStateException("listing the flows of " + workspace + ": " + listed.body());
        }
        Map<String, Object> body = new Json().toType(listed.body(), Map.class);
        List<Map<String, Object>> flows = (List<Map<String, Object>>) body.get("flows");
        return flows.stream().filter(f -> name.equals(f.get("name"))).map(f -> ((Number) f.get("id")).longValue())
                .findFirst().orElseThrow(() -> new IllegalStateException("no flow " + name + " in " + workspace));
    }

    /** Imports {@code json} as {@code user}; returns the new flow's id. */
    @SuppressWarnings("unchecked")
    long importFlow(String user, String json) {
        HttpResponse<String> created = call(user, "POST", "/api/flows/import", json);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("import refused: " + created.body());
        }
        Map<String, Object> body = new Json().toType(created.body(), Map.class);
        return ((Number) body.get("id")).longValue();
    }

    /** Deploys the flow's latest version and waits until the engine runs it: events published before pass it by. */
    void deployAndAwaitRunning(String user, long flow) {
        HttpResponse<String> deployed = call(user, "POST", "/api/flows/" + flow + "/deploy", "{}");
        if (deployed.statusCode() != 200) {
            throw new IllegalStateException("deploy refused: " + deployed.body());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String status = call(user, "GET", "/api/flows/" + flow + "/status", null).body();
            if (status.replace(" ", "").contains("\"state\":\"running\"")) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the engine did not start flow " + flow + " within 60 s");
    }
}
