package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowJson;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.FlowValidator;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.PipelineFailure;
import dev.sluice.pipeline.ValidationContext;

/** Every step of a running flow is timed as {@code sluice.node.duration}, per node and kind. */
class FlowMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private Pipeline timed(String nodes, String edges) {
        return timed(nodes, edges, false);
    }

    private Pipeline timed(String nodes, String edges, boolean cpuTime) {
        Flow flow = new FlowValidator(NodeRegistry.builtIn()).read("""
                {"schemaVersion": 1, "name": "metrics", "workspace": "finance",
                 "nodes": [{"id": "in", "kind": "source", "config": {"source": "user-center.users"}}, %s],
                 "edges": %s}""".formatted(nodes, edges), ValidationContext.standalone("finance"));
        FlowMetrics metrics = new FlowMetrics(meters, new DeployedFlow(7, 1, flow, false), cpuTime);
        return Pipeline.compile(flow, NodeRegistry.builtIn(), CompileContext.standalone("finance", "metrics"),
                metrics::timed);
    }

    private static ObjectNode event(String id, String userId) {
        return (ObjectNode) FlowJson.parse("""
                {"specversion": "1.0", "id": "%s", "source": "/user-center/users", "type": "user.created",
                 "data": {"userId": "%s", "name": "Ann"}}""".formatted(id, userId));
    }

    private long count(String tag, String value) {
        return meters.get("sluice.node.duration").tag("flow", "finance/metrics").tag("flowId", "7").tag(tag, value)
                .timer().count();
    }

    @Test
    void timesEachNodeOncePerEventItRanFor() throws PipelineFailure {
        Pipeline pipeline = timed("""
                {"id": "only-u1", "kind": "filter", "config": {"pattern": {"data": {"userId": ["U1"]}}}},
                {"id": "hide", "kind": "mask", "config": {"rules": [{"path": "$.data.name", "mode": "partial"}]}},
                {"id": "out", "kind": "target.log", "config": {}}""",
                "[{\"from\": \"in\", \"to\": \"only-u1\"}, {\"from\": \"only-u1\", \"to\": \"hide\"},"
                        + " {\"from\": \"hide\", \"to\": \"out\"}]");

        for (int i = 0; i < 3; i++) {
            pipeline.run(event("e" + i, "U1"));
        }
        pipeline.run(event("dropped", "U2"));

        assertThat(count("kind", "source")).isEqualTo(4);
        assertThat(count("kind", "filter")).isEqualTo(4);
        assertThat(count("kind", "mask")).as("the dropped event never reached it").isEqualTo(3);
        assertThat(count("node", "out")).isEqualTo(3);
        assertThat(count("kind", "target.log")).isEqualTo(3);
    }

    @Test
    void timesEachNodeOnTheCpuClockOnlyWhenAskedTo() throws PipelineFailure {
        String nodes = """
                {"id": "work", "kind": "script", "config": {"code": "function process(event) { let s = 0;
                  for (let i = 0; i < 100000; i++) { s += Math.sqrt(i); } event.data.sum = s; return event; }"}},
                {"id": "out", "kind": "target.log", "config": {}}""".replace("\n  ", " ");
        String edges = "[{\"from\": \"in\", \"to\": \"work\"}, {\"from\": \"work\", \"to\": \"out\"}]";
        timed(nodes, edges).run(event("e0", "U1"));
        assertThat(meters.find("sluice.node.cpu").timers()).as("off unless asked for").isEmpty();

        Pipeline pipeline = timed(nodes, edges, true);
        for (int i = 1; i <= 3; i++) {
            pipeline.run(event("e" + i, "U1"));
        }

        Timer cpu = meters.get("sluice.node.cpu").tag("flowId", "7").tag("node", "work").timer();
        Timer wall = meters.get("sluice.node.duration").tag("flowId", "7").tag("node", "work").timer();
        assertThat(cpu.count()).isEqualTo(3);
        assertThat(cpu.totalTime(TimeUnit.NANOSECONDS)).as("the script's loop ran on the thread").isPositive()
                .isLessThanOrEqualTo(wall.totalTime(TimeUnit.NANOSECONDS));
        assertThat(meters.get("sluice.node.cpu").tag("flowId", "7").tag("node", "out").timer().count()).isEqualTo(3);
    }

    @Test
    void timesAStepThatFailedToo() {
        Pipeline pipeline = timed("""
                {"id": "boom", "kind": "script", "config": {"code": "function process(event) { throw new Error(); }"}},
                {"id": "out", "kind": "target.log", "config": {}}""",
                "[{\"from\": \"in\", \"to\": \"boom\"}, {\"from\": \"boom\", \"to\": \"out\"}]");

        assertThat(catchThrowableOfType(PipelineFailure.class, () -> pipeline.run(event("e1", "U1")))).isNotNull();

        assertThat(count("kind", "script")).isEqualTo(1);
        assertThat(count("kind", "target.log")).isZero();
    }
}
