package dev.sluice.sandbox;

import java.util.List;

import dev.sluice.flow.Flow;
import dev.sluice.json.Json;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.FlowValidator;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.ValidationContext;

/**
 * Flows of one script node each, compiled as the engine compiles them (on the built-in registry's shared sandbox):
 * a calm one that masks a bank account, and attacked ones, for {@link SandboxIsolationTest} and the isolation
 * benchmark.
 */
public final class AttackedFlows {

    public static final String EVENT = ScriptAttackCorpusTest.EVENT;
    public static final String ACCOUNT = ScriptAttackCorpusTest.ACCOUNT;

    public static final String CALM = """
            function process(event) {
              const account = String(event.data.payment.bankAccount);
              event.data.payment.bankAccount = '*'.repeat(Math.max(0, account.length - 4)) + account.slice(-4);
              return event;
            }""";

    public static final List<String> ATTACKS = List.of(
            "function process(event) { while (true) {} }",
            "function process(event) { const down = (n) => down(n + 1) + 1; return down(0); }",
            "function process(event) { const hoard = []; for (;;) { hoard.push(new Float64Array(1 << 20)); } }",
            "function process(event) { const until = Date.now() + 60000; while (Date.now() < until) {} }",
            "function process(event) { event.data.blob = 'x'.repeat(10000000); return event; }",
            "function process(event) { return new Proxy(event, {ownKeys() { for (;;) {} }}); }",
            "function process(event) { Object.prototype.polluted = 1; globalThis.x = event; return event; }");

    private AttackedFlows() {
    }

    public static Pipeline pipeline(String name, String code) {
        String json = """
                {"schemaVersion": 1, "name": "%s", "workspace": "finance",
                 "nodes": [{"id": "users", "kind": "source", "config": {"source": "user-center.users"}},
                           {"id": "script", "kind": "script", "config": %s},
                           {"id": "out", "kind": "target.log", "config": {}}],
                 "edges": [{"from": "users", "to": "script"}, {"from": "script", "to": "out"}]}"""
                .formatted(name, Json.MAPPER.createObjectNode().put("code", code));
        Flow flow = new FlowValidator(NodeRegistry.builtIn()).read(json, ValidationContext.standalone("finance"));
        return Pipeline.compile(flow, NodeRegistry.builtIn(), CompileContext.standalone("finance", name));
    }
}
