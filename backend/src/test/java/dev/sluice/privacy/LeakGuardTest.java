package dev.sluice.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowEdge;
import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowNode;
import dev.sluice.flow.FlowProblem;

class LeakGuardTest {

    @Test
    void theFinanceSampleFlowPassesTheGuardForFinance() {
        Flow flow = PrivacyFixtures.sampleFlow("finance-payment-sync");

        assertThat(PrivacyFixtures.check(flow)).isEmpty();
    }

    @Test
    void theCustomerServiceSampleFlowPassesTheGuardForCustomerService() {
        Flow flow = PrivacyFixtures.sampleFlow("customer-service-contacts");

        assertThat(PrivacyFixtures.check(flow)).isEmpty();
    }

    @Test
    void removingTheFinanceMaskNodeLeaksTheAccountAndTheNationalIdAtTheTarget() {
        Flow flow = withoutNode(PrivacyFixtures.sampleFlow("finance-payment-sync"), "mask");

        List<FlowProblem> problems = LeakGuard.problems(flow, PrivacyFixtures.tags("user-center.users"),
                PrivacyFixtures.clearance("finance"));

        assertThat(problems).containsExactly(
                new FlowProblem("$.nodes[3]", "national-id from $.data.nationalId reaches $.data.nationalId clear via"
                        + " users → cny → split → ledger; workspace finance may not receive national-id in any form"),
                new FlowProblem("$.nodes[3]", "bank-account from $.data.payment.bankAccount reaches"
                        + " $.data.payment.bankAccount clear via users → cny → split → ledger; workspace finance may"
                        + " receive bank-account only masked"));
    }

    @Test
    void removingTheCustomerServiceMaskNodeLeaksPhoneEmailAndStreet() {
        Flow flow = withoutNode(PrivacyFixtures.sampleFlow("customer-service-contacts"), "mask");

        List<Leak> leaks = PrivacyFixtures.check(flow);

        assertThat(leaks).extracting(Leak::tag, Leak::targetPath, Leak::form, Leak::target).containsExactly(
                org.assertj.core.groups.Tuple.tuple("address", "$.data.contact.address.street", "clear", "desk"),
                org.assertj.core.groups.Tuple.tuple("email", "$.data.contact.email", "clear", "desk"),
                org.assertj.core.groups.Tuple.tuple("phone", "$.data.contact.phone", "clear", "desk"));
    }

    @Test
    void theSampleFlowsLeakInTheOtherWorkspace() {
        Flow finance = PrivacyFixtures.sampleFlow("finance-payment-sync");

        List<Leak> leaks = LeakGuard.check(finance, PrivacyFixtures.tags("user-center.users"),
                PrivacyFixtures.clearance("customer-service"));

        assertThat(leaks).extracting(Leak::tag, Leak::form).containsExactly(
                org.assertj.core.groups.Tuple.tuple("bank-account", "masked-by partial"));
    }

    @Test
    void anElementRemovedBeforeADefiniteIndexMaskLeavesTheShiftedValueClear() {
        PiiTags tags = new PiiTags("crm", Map.of("$.data.contacts[1].phone", "phone"));
        Flow flow = flow("""
                [{"id": "s", "kind": "source", "config": {"source": "crm"}},
                 {"id": "drop", "kind": "mask", "config": {"rules": [{"path": "$.data.contacts[0]", "mode": "remove"}]}},
                 {"id": "m", "kind": "mask", "config": {"rules": [{"path": "$.data.contacts[1].phone", "mode": "redact"}]}},
                 {"id": "t", "kind": "target.log", "config": {}}]""");

        List<Leak> leaks = LeakGuard.check(flow, tags, new Clearance("w", Map.of()));

        assertThat(leaks).extracting(Leak::targetPath).containsExactly("$.data.contacts[*].phone");
    }

    @Test
    void aNodeWhoseConfigCannotBeReadIsTreatedLikeAScript() {
        PiiTags tags = new PiiTags("crm", Map.of("$.data.phone", "phone"));
        Flow flow = flow("""
                [{"id": "s", "kind": "source", "config": {"source": "crm"}},
                 {"id": "m", "kind": "mask", "config": {"rules": [{"path": "data.phone", "mode": "redact"}]}},
                 {"id": "t", "kind": "target.log", "config": {}}]""");

        List<Leak> leaks = LeakGuard.check(flow, tags, new Clearance("w", Map.of()));

        assertThat(leaks).extracting(Leak::targetPath, Leak::via).containsExactly(
                org.assertj.core.groups.Tuple.tuple("$.data", List.of("s", "m", "t")));
    }

    @Test
    void anIncompleteSelectOrJdbcConfigRemovesNothing() {
        PiiTags tags = new PiiTags("crm", Map.of("$.data.phone", "phone"));
        Flow flow = flow("""
                [{"id": "s", "kind": "source", "config": {"source": "crm"}},
                 {"id": "keep", "kind": "select", "config": {}},
                 {"id": "t", "kind": "target.jdbc", "config": {"table": "t"}}]""");

        List<Leak> leaks = LeakGuard.check(flow, tags, new Clearance("w", Map.of()));

        assertThat(leaks).extracting(Leak::targetPath).containsExactly("$.data.phone");
    }

    @Test
    void aWorkspaceClearedForATagSeesNoLeak() {
        PiiTags tags = new PiiTags("crm", Map.of("$.data.phone", "phone"));
        Flow flow = flow("""
                [{"id": "s", "kind": "source", "config": {"source": "crm"}},
                 {"id": "t", "kind": "target.log", "config": {}}]""");

        assertThat(LeakGuard.check(flow, tags, new Clearance("w", Map.of("phone", Clearance.Level.CLEAR)))).isEmpty();
        assertThat(LeakGuard.check(flow, tags, new Clearance("w", Map.of("phone", Clearance.Level.MASKED)))).hasSize(1);
    }

    /** A linear flow of the given nodes, in order. */
    private static Flow flow(String nodesJson) {
        List<FlowNode> nodes = new ArrayList<>();
        for (var node : FlowJson.parse(nodesJson)) {
            nodes.add(new FlowNode(node.get("id").asText(), node.get("kind").asText(),
                    (com.fasterxml.jackson.databind.node.ObjectNode) node.get("config")));
        }
        List<FlowEdge> edges = new ArrayList<>();
        for (int i = 1; i < nodes.size(); i++) {
            edges.add(new FlowEdge(nodes.get(i - 1).id(), nodes.get(i).id()));
        }
        return new Flow(1, "f", "w", null, nodes, edges, null, null);
    }

    /** The flow with one node deleted and its inputs connected to its outputs, as the designer does it. */
    static Flow withoutNode(Flow flow, String id) {
        List<FlowEdge> edges = new ArrayList<>();
        for (FlowEdge edge : flow.edges()) {
            if (edge.to().equals(id)) {
                flow.edges().stream().filter(out -> out.from().equals(id))
                        .forEach(out -> edges.add(new FlowEdge(edge.from(), out.to())));
            } else if (!edge.from().equals(id)) {
                edges.add(edge);
            }
        }
        List<FlowNode> nodes = flow.nodes().stream().filter(n -> !n.id().equals(id)).toList();
        return new Flow(flow.schemaVersion(), flow.name(), flow.workspace(), flow.description(), nodes, edges, null,
                null);
    }
}
