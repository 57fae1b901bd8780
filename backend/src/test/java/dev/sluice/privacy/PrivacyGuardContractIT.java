package dev.sluice.privacy;

import static dev.sluice.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.ApiCalls;
import dev.sluice.ApiCalls.Response;
import dev.sluice.TestApplication;
import dev.sluice.flow.FlowJson;

/**
 * The leak guard as people meet it, through the REST API on the demo data: the shipped sample flows pass, the same
 * flows without their mask node are refused with the leak shown, an admin's exception lets a leak through on
 * record, previews are masked for the workspace, and the run-time check catches what the guard could not see.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.demo.enabled=true", "sluice.demo.password=demo-it", "sluice.privacy.sample-rate=1"})
abstract class PrivacyGuardContractIT {

    @DynamicPropertySource
    static void ownQueues(DynamicPropertyRegistry registry) {
        registry.add("sluice.engine.queue-prefix", () -> "it-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @LocalServerPort
    int port;

    ApiCalls api;

    @BeforeEach
    void client() {
        api = new ApiCalls(port, "demo-it");
    }

    @Test
    void demoSourceHasItsPersonalFieldsTaggedAndBothWorkspacesCleared() {
        JsonNode source = api.get("/api/sources/user-center.users", "central").json();

        assertThat(source.path("tags").path("$.data.nationalId").asText()).isEqualTo("national-id");
        assertThat(source.path("tags").path("$.data.payment.bankAccount").asText()).isEqualTo("bank-account");
        assertThat(source.path("tags").path("$.data.contact.phone").asText()).isEqualTo("phone");
        assertThat(source.path("tags").size()).isEqualTo(7);
        assertThat(source.path("clearances").path("finance").path("bank-account").asText()).isEqualTo("masked");
        assertThat(source.path("clearances").path("customer-service").path("phone").asText()).isEqualTo("masked");
        assertThat(source.path("dataSchema").path("properties").has("contact")).isTrue();
        assertThat(source.path("samples").size()).isGreaterThan(0);
    }

    @Test
    void subscribersSeeSampleEventsMaskedBeyondTheirClearance() {
        String seen = api.get("/api/sources/user-center.users", "finance").body();

        assertThat(seen).contains("[hidden: national-id]", "[hidden: phone]")
                .doesNotContain("330108198511022463", "19159083016");
        assertThat(api.get("/api/sources/user-center.users", "central").body()).contains("330108198511022463");
        assertThat(api.get("/api/audit?action=source.samples.view&actor=finance", "auditor").body())
                .contains("user-center.users").doesNotContain("19159083016");
    }

    @Test
    void onlyTheSourcesStewardsChangeTagsAndClearances() {
        assertThat(api.call("PUT", "/api/sources/user-center.users/tags", "finance",
                "{\"fields\": {}}").status()).isEqualTo(403);
        assertThat(api.call("PUT", "/api/sources/user-center.users/clearances/finance", "finance",
                "{\"tags\": {\"national-id\": \"clear\"}}").status()).isEqualTo(403);
        Response invalid = api.call("PUT", "/api/sources/user-center.users/tags", "central",
                "{\"fields\": {\"$.data.phone\": \"Phone Number\", \"not a path\": \"phone\"}}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("$.fields['$.data.phone']", "$.fields['not a path']");
        assertThat(api.get("/api/sources/user-center.users", "central").json().path("tags").size()).isEqualTo(7);
    }

    @Test
    void shippedSampleFlowsPassTheGuardAndDeploy() {
        for (String[] sample : new String[][] {{"finance", "finance-payment-sync"},
                {"service", "customer-service-contacts"}}) {
            long id = importFlow(sample[0], renamed(demoFlow(sample[1])));

            assertThat(api.get("/api/flows/" + id + "/leaks", sample[0]).json().path("leaks")).isEmpty();
            Response deployed = api.call("POST", "/api/flows/" + id + "/deploy", sample[0], "{}");
            assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
            assertThat(api.call("POST", "/api/flows/" + id + "/undeploy", sample[0], "{\"deleteQueue\": true}")
                    .status()).isEqualTo(200);
        }
    }

    @Test
    void removingTheMaskNodeMakesDeployFailWithTheLeakShown() {
        for (String[] sample : new String[][] {{"finance", "finance-payment-sync", "bank-account"},
                {"service", "customer-service-contacts", "phone"}}) {
            long id = importFlow(sample[0], withoutMask(renamed(demoFlow(sample[1]))));

            Response refused = api.call("POST", "/api/flows/" + id + "/deploy", sample[0], "{}");

            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.body()).contains("personal data", sample[2] + " from $.data.",
                    "reaches", " clear via ", "workspace");
            assertThat(api.get("/api/flows/" + id + "/status", sample[0]).json().path("state").asText())
                    .isEqualTo("DRAFT");
            Response audit = api.get("/api/audit?action=flow.deploy&objectId=" + id, "auditor");
            assertThat(audit.body()).contains("FAILURE", sample[2]);
        }
    }

    @Test
    void aPlatformAdminsRecordedExceptionLetsALeakingVersionDeploy() {
        long id = importFlow("finance", withoutMask(renamed(demoFlow("finance-payment-sync"))));
        assertThat(api.call("POST", "/api/flows/" + id + "/leak-exception", "finance",
                "{\"version\": 1, \"reason\": \"I want it\"}").status()).isEqualTo(403);
        assertThat(api.call("POST", "/api/flows/" + id + "/leak-exception", "admin",
                "{\"version\": 1}").status()).isEqualTo(409);

        Response excepted = api.call("POST", "/api/flows/" + id + "/leak-exception", "admin",
                "{\"version\": 1, \"reason\": \"ledger reconciliation needs the full account until 2027-01\"}");

        assertThat(excepted.status()).as(excepted.body()).isEqualTo(200);
        assertThat(excepted.json().path("exception").asText()).contains("reconciliation");
        Response deployed = api.call("POST", "/api/flows/" + id + "/deploy", "finance", "{\"version\": 1}");
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
        assertThat(api.get("/api/audit?action=flow.leak-exception&objectId=" + id, "auditor").body())
                .contains("reconciliation", "bank-account");
        api.call("POST", "/api/flows/" + id + "/undeploy", "finance", "{\"deleteQueue\": true}");
    }

    @Test
    void dryRunShowsWhatTheWorkspaceIsNotClearedForMasked() {
        ObjectNode flow = withoutMask(renamed(demoFlow("finance-payment-sync")));
        String event = """
                {"specversion": "1.0", "id": "p1", "source": "/user-center/users", "type": "user.payment.updated",
                 "data": {"userId": "U1", "name": "张三", "nationalId": "330108198511022463",
                          "payment": {"method": "card", "bankAccount": "6222021234567890128", "currency": "CNY"}}}""";

        Response run = api.call("POST", "/api/flows/dry-run", "finance",
                "{\"flow\": " + flow + ", \"events\": [" + event + "]}");

        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(run.body()).contains("[hidden: bank-account]", "[hidden: national-id]", "U1")
                .doesNotContain("6222021234567890128", "330108198511022463");
    }

    @Test
    void revokingTheSourceGrantStopsAnExistingFlowFromDeploying() {
        String source = "it.privacy." + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.call("POST", "/api/sources", "central", "{\"name\": \"" + source
                + "\", \"owner\": \"central-data\", \"eventTypes\": [\"thing.happened\"]}").status()).isEqualTo(201);
        assertThat(api.call("POST", "/api/sources/" + source + "/grants", "central",
                "{\"workspace\": \"finance\"}").status()).isEqualTo(204);
        String flow = ApiCalls.flow(ApiCalls.unique("granted"), "finance", "thing.happened")
                .replace("user-center.users", source);
        long id = importFlow("finance", (ObjectNode) FlowJson.parse(flow));
        assertThat(api.call("DELETE", "/api/sources/" + source + "/grants/finance", "central", null).status())
                .isEqualTo(204);

        Response refused = api.call("POST", "/api/flows/" + id + "/deploy", "finance", "{}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains("no longer valid", source);
    }

    @Test
    void runTimeCheckAlertsOnAPhoneNumberAScriptSmuggledPastTheGuardAndAuditsItWithoutTheValue() throws Exception {
        // after the mask the script only sees masked tagged fields, so the guard passes it; but it copies an
        // untagged field that holds a phone number into an attribute
        ObjectNode flow = renamed(demoFlow("customer-service-contacts"));
        ArrayNode nodes = (ArrayNode) flow.get("nodes");
        nodes.insert(nodes.size() - 1, FlowJson.parse("""
                {"id": "smuggle", "kind": "script", "config": {"code":
                 "function process(event) { event.callback = String(event.data.contact.backup); return event; }"}}"""));
        ArrayNode edges = (ArrayNode) flow.get("edges");
        edges.removeAll();
        edges.add(FlowJson.parse("{\"from\": \"users\", \"to\": \"contacts\"}"));
        edges.add(FlowJson.parse("{\"from\": \"contacts\", \"to\": \"mask\"}"));
        edges.add(FlowJson.parse("{\"from\": \"mask\", \"to\": \"smuggle\"}"));
        edges.add(FlowJson.parse("{\"from\": \"smuggle\", \"to\": \"desk\"}"));
        flow.putArray("tests");
        long id = importFlow("service", flow);
        assertThat(api.get("/api/flows/" + id + "/leaks", "service").json().path("leaks")).isEmpty();
        Response deployed = api.call("POST", "/api/flows/" + id + "/deploy", "service", "{}");
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
        await(() -> "running".equals(api.get("/api/flows/" + id + "/status", "service").json().path("instance")
                .path("state").asText()), Duration.ofSeconds(30), "the engine runs the flow");

        Response published = api.call("POST", "/api/sources/user-center.users/events", "central", """
                {"specversion": "1.0", "id": "smuggled-1", "source": "/user-center/users", "type": "user.contact.updated",
                 "data": {"userId": "U7", "contact": {"phone": "13812345678", "backup": "13987654321"}}}""",
                "Content-Type", "application/cloudevents+json");
        assertThat(published.status()).as(published.body()).isEqualTo(202);

        await(() -> api.get("/api/flows/" + id + "/status", "service").json().path("privacyAlerts").path("count")
                .asLong() > 0, Duration.ofSeconds(30), "the flow's status shows the alert");
        JsonNode alert = api.get("/api/flows/" + id + "/status", "service").json().path("privacyAlerts")
                .path("recent");
        assertThat(alert.toString()).contains("$.callback", "phone").doesNotContain("13987654321");
        Response audit = api.get("/api/audit?action=flow.pii-alert&objectId=" + id, "auditor");
        assertThat(audit.body()).contains("$.callback", "phone", "smuggled-1")
                .doesNotContain("13987654321", "13812345678");
        api.call("POST", "/api/flows/" + id + "/undeploy", "service", "{\"deleteQueue\": true}");
    }

    private long importFlow(String user, ObjectNode flow) {
        Response created = api.call("POST", "/api/flows/import", user, flow.toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    private static ObjectNode demoFlow(String name) {
        try (InputStream in = PrivacyGuardContractIT.class.getResourceAsStream("/demo/" + name + ".flow.json")) {
            return (ObjectNode) FlowJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ObjectNode renamed(ObjectNode flow) {
        flow.put("name", flow.path("name").asText() + "-" + UUID.randomUUID().toString().substring(0, 8));
        return flow;
    }

    /** The flow with its mask node taken out and the nodes around it joined, its tests dropped. */
    private static ObjectNode withoutMask(ObjectNode flow) {
        ArrayNode nodes = (ArrayNode) flow.get("nodes");
        String mask = null;
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).path("kind").asText().equals("mask")) {
                mask = nodes.get(i).path("id").asText();
                nodes.remove(i);
                break;
            }
        }
        assertThat(mask).as("the sample has a mask node").isNotNull();
        String into = null;
        String outOf = null;
        ArrayNode edges = (ArrayNode) flow.get("edges");
        for (int i = edges.size() - 1; i >= 0; i--) {
            if (edges.get(i).path("to").asText().equals(mask)) {
                into = edges.get(i).path("from").asText();
                edges.remove(i);
            } else if (edges.get(i).path("from").asText().equals(mask)) {
                outOf = edges.get(i).path("to").asText();
                edges.remove(i);
            }
        }
        edges.addObject().put("from", into).put("to", outOf);
        ((ObjectNode) flow.path("layout")).remove(mask);
        flow.putArray("tests");
        return flow;
    }
}
