package dev.sluice.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowJson;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.privacy.LeakFixes.Fix;

/** A leak's one-click fixes leave the flow without that leak, and put the rule where the field still is. */
class LeakFixesTest {

    private static final NodeRegistry REGISTRY = NodeRegistry.builtIn();

    @Test
    void maskingALeakWithNoMaskOnItsRouteInsertsOneAfterTheSourceInTheTagsForm() {
        ObjectNode finance = withoutMask("finance-payment-sync");
        List<Leak> account = leaksOf(finance, "bank-account");

        List<String> masks = LeakFixes.apply(finance, account, Fix.MASK, REGISTRY);

        assertThat(masks).containsExactly("mask");
        assertThat(edges(finance)).contains("users->mask", "mask->cny").doesNotContain("users->cny");
        assertThat(node(finance, "mask").path("config").path("rules").toString())
                .isEqualTo("[{\"path\":\"$.data.payment.bankAccount\",\"mode\":\"partial\",\"keepLast\":4}]");
        assertThat(leaks(finance)).extracting(Leak::tag).containsExactly("national-id");
    }

    @Test
    void removingTheNextLeakAddsItsRuleToTheMaskTheFirstFixInserted() {
        ObjectNode finance = withoutMask("finance-payment-sync");
        LeakFixes.apply(finance, leaksOf(finance, "bank-account"), Fix.MASK, REGISTRY);

        List<String> masks = LeakFixes.apply(finance, leaksOf(finance, "national-id"), Fix.REMOVE, REGISTRY);

        assertThat(masks).containsExactly("mask");
        assertThat(node(finance, "mask").path("config").path("rules")).hasSize(2);
        assertThat(leaks(finance)).isEmpty();
    }

    @Test
    void aMaskAlreadyOnTheRouteTakesTheRuleAndNoNodeIsAdded() {
        ObjectNode service = sample("customer-service-contacts");
        ArrayNode rules = (ArrayNode) node(service, "mask").path("config").path("rules");
        rules.remove(0); // the phone rule
        int nodes = service.path("nodes").size();

        LeakFixes.apply(service, leaksOf(service, "phone"), Fix.MASK, REGISTRY);

        assertThat(service.path("nodes")).hasSize(nodes);
        assertThat(rules.toString()).contains("{\"path\":\"$.data.contact.phone\",\"mode\":\"phone\"}");
        assertThat(leaks(service)).isEmpty();
    }

    @Test
    void aMaskAfterARenameIsPassedOverForANewOneWhereTheFieldStillIsAtItsSourcePath() {
        ObjectNode flow = (ObjectNode) FlowJson.parse("""
                {"schemaVersion": 1, "name": "renamed", "workspace": "customer-service",
                 "nodes": [{"id": "users", "kind": "source", "config": {"source": "user-center.users"}},
                           {"id": "tel", "kind": "rename", "config": {"moves": [{"from": "$.data.contact.phone", "to": "$.data.tel"}]}},
                           {"id": "mask", "kind": "mask", "config": {"rules": [
                             {"path": "$.data.contact.email", "mode": "email"},
                             {"path": "$.data.contact.address.street", "mode": "redact"},
                             {"path": "$.data.nationalId", "mode": "remove"},
                             {"path": "$.data.payment.bankAccount", "mode": "remove"},
                             {"path": "$.data.birthDate", "mode": "remove"}]}},
                           {"id": "desk", "kind": "target.log", "config": {}}],
                 "edges": [{"from": "users", "to": "tel"}, {"from": "tel", "to": "mask"}, {"from": "mask", "to": "desk"}]}
                """);
        assertThat(leaks(flow)).extracting(Leak::tag).containsExactly("phone");

        List<String> masks = LeakFixes.apply(flow, leaksOf(flow, "phone"), Fix.MASK, REGISTRY);

        assertThat(masks).containsExactly("mask-2");
        assertThat(edges(flow)).contains("users->mask-2", "mask-2->tel");
        assertThat(leaks(flow)).isEmpty();
    }

    private static ObjectNode sample(String name) {
        return (ObjectNode) FlowJson.parse(PrivacyFixtures.text(
                Path.of("src/test/resources/flows/valid/" + name + ".flow.json")));
    }

    /** The sample flow with its mask node taken out and its neighbours joined. */
    private static ObjectNode withoutMask(String name) {
        Flow flow = LeakGuardTest.withoutNode(FlowJson.bind(sample(name)), "mask");
        return (ObjectNode) FlowJson.parse(FlowJson.write(flow));
    }

    private static List<Leak> leaks(ObjectNode document) {
        return PrivacyFixtures.check(FlowJson.bind(document));
    }

    private static List<Leak> leaksOf(ObjectNode document, String tag) {
        return leaks(document).stream().filter(leak -> leak.tag().equals(tag)).toList();
    }

    private static JsonNode node(ObjectNode document, String id) {
        for (JsonNode node : document.path("nodes")) {
            if (node.path("id").asText().equals(id)) {
                return node;
            }
        }
        throw new AssertionError("no node " + id);
    }

    private static List<String> edges(ObjectNode document) {
        return java.util.stream.StreamSupport.stream(document.path("edges").spliterator(), false)
                .map(edge -> edge.path("from").asText() + "->" + edge.path("to").asText()).toList();
    }
}
