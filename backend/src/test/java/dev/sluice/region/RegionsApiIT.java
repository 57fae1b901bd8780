package dev.sluice.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.ApiCalls;
import dev.sluice.ApiCalls.Response;
import dev.sluice.TestApplication;
import dev.sluice.TestBackends;
import dev.sluice.platform.FreePort;

/**
 * Regions through the REST API, on an installation of two regions whose clusters this test does not start (their
 * addresses lead nowhere): who sees what of them, a source's home region, ingest and deploys across regions refused
 * with the reason and audited. {@link TwoRegionEnginesIT} runs flows across two real clusters.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.demo.enabled=true", "sluice.demo.password=demo-it", "sluice.region=cn-east"})
class RegionsApiIT {

    private static final String EVENT = """
            {"specversion": "1.0", "id": "%s", "source": "/users", "type": "user.created", "data": {"userId": "u1"}}""";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embeddedAndUnreachableRegions(DynamicPropertyRegistry registry) {
        TestBackends.embedded(registry, dataDir);
        // a list binds from one property source: every region's settings are here
        String[] names = {"cn-east", "cn-north"};
        for (int n = 0; n < names.length; n++) {
            int nowhere = FreePort.find();
            String name = names[n];
            registry.add("sluice.regions[" + n + "].name", () -> name);
            registry.add("sluice.regions[" + n + "].amqp-uri", () -> "amqp://sluice:s3cret@127.0.0.1:" + nowhere);
            registry.add("sluice.regions[" + n + "].management-uri", () -> "http://127.0.0.1:" + nowhere);
        }
    }

    @LocalServerPort
    int port;

    ApiCalls api;

    @BeforeEach
    void client() {
        api = new ApiCalls(port, "demo-it");
    }

    @Test
    void stewardsSeeTheRegionsAndAdminsAlsoTheirAddressesWithoutCredentials() {
        Response steward = api.get("/api/regions", "finance");
        Response admin = api.get("/api/regions", "admin");

        assertThat(steward.status()).isEqualTo(200);
        assertThat(steward.json().path("here").asText()).isEqualTo("cn-east");
        assertThat(steward.json().path("regions").findValuesAsText("name")).containsExactly("cn-east", "cn-north");
        assertThat(steward.body()).doesNotContain("127.0.0.1").doesNotContain("\"links\"");
        assertThat(admin.json().path("regions").get(1).path("amqp").asText()).startsWith("amqp://127.0.0.1:");
        assertThat(admin.body()).doesNotContain("s3cret").contains("\"links\"");
    }

    @Test
    void aFlowOutsideItsSourcesHomeRegionIsRefusedWhenTheRegionCannotReachItAndTheRefusalIsAudited() {
        Response imported = api.call("POST", "/api/flows/import", "finance",
                ApiCalls.flow(ApiCalls.unique("far"), "finance", "user.created"));
        long id = imported.json().path("id").asLong();

        Response unknown = api.call("POST", "/api/flows/" + id + "/deploy", "finance", "{\"region\": \"mars\"}");
        Response unreachable = api.call("POST", "/api/flows/" + id + "/deploy", "finance",
                "{\"region\": \"cn-north\"}");
        Response atHome = api.call("POST", "/api/flows/" + id + "/deploy", "finance", "{\"region\": \"cn-east\"}");

        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.body()).contains("$.region", "mars", "cn-east, cn-north");
        assertThat(unreachable.status()).as(unreachable.body()).isEqualTo(409);
        assertThat(unreachable.body()).contains("$.region", "region cn-north cannot reach user-center.users's home "
                + "region cn-east").doesNotContain("s3cret");
        Response audited = api.get("/api/audit?action=flow.deploy&objectId=" + id, "auditor");
        assertThat(audited.json().path("entries").findValuesAsText("outcome")).contains("FAILURE");
        assertThat(audited.body()).contains("cannot reach");
        assertThat(atHome.status()).as(atHome.body()).isEqualTo(200);
        assertThat(api.get("/api/flows/" + id + "/status", "finance").json().path("region").asText())
                .isEqualTo("cn-east");
    }

    @Test
    void aSourceIsPublishedInItsHomeRegionOnlyAndItsStewardsMoveItThere() {
        String name = ApiCalls.unique("crm.accounts");
        Response elsewhere = api.call("POST", "/api/sources", "central", """
                {"name": "%s", "owner": "central-data", "eventTypes": ["user.created"], "homeRegion": "mars"}"""
                .formatted(name));
        Response registered = api.call("POST", "/api/sources", "central", """
                {"name": "%s", "owner": "central-data", "eventTypes": ["user.created"], "homeRegion": "cn-north"}"""
                .formatted(name));
        Response published = api.call("POST", "/api/sources/" + name + "/events", "central",
                EVENT.formatted("e1"), "Content-Type", "application/cloudevents+json");

        assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(400);
        assertThat(elsewhere.body()).contains("homeRegion", "mars");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.json().path("homeRegion").asText()).isEqualTo("cn-north");
        assertThat(published.status()).as(published.body()).isEqualTo(409);
        assertThat(published.body()).contains("published in region cn-north", "this Sluice runs in cn-east");

        Response moved = api.call("PUT", "/api/sources/" + name + "/home-region", "central",
                "{\"homeRegion\": \"cn-east\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(api.call("PUT", "/api/sources/" + name + "/home-region", "finance",
                "{\"homeRegion\": \"cn-north\"}").status()).as("a steward of a workspace the source is hidden from")
                .isEqualTo(404);
        assertThat(api.get("/api/audit?action=source.region&objectId=" + name, "auditor").json().path("entries"))
                .hasSize(1);
    }
}
