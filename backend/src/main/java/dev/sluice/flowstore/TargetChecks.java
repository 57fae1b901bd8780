package dev.sluice.flowstore;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import dev.sluice.broker.BrokerConnection;
import dev.sluice.engine.WorkspaceSecrets;
import dev.sluice.flow.FlowNode;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.flow.Problems;
import dev.sluice.pipeline.NodeKind;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.target.ConnectionCheck;
import dev.sluice.target.TargetContext;
import dev.sluice.target.TargetKind;
import dev.sluice.target.WorkspaceReach;

/**
 * "Test connection" for a target node of a flow as it is being edited: reaches the target with the node's
 * settings and the flow workspace's connections and secrets, without sending an event. For those who may operate
 * the flow. Settings are validated first, as for a save (so no hostile setting ever reaches a driver), and every
 * check is audited with its outcome ({@link TargetChecked}).
 */
@Service
public class TargetChecks {

    private final FlowDeployments deployments;
    private final FlowAccess access;
    private final NodeRegistry registry;
    private final ObjectProvider<BrokerConnection> broker;
    private final WorkspaceSecrets secrets;
    private final WorkspaceReach reach;
    private final ApplicationEventPublisher events;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    TargetChecks(FlowDeployments deployments, FlowAccess access, NodeRegistry registry,
                 ObjectProvider<BrokerConnection> broker, WorkspaceSecrets secrets, WorkspaceReach reach,
                 ApplicationEventPublisher events) {
        this.deployments = deployments;
        this.access = access;
        this.registry = registry;
        this.broker = broker;
        this.secrets = secrets;
        this.reach = reach;
        this.events = events;
    }

    /**
     * Checks a target node's config of {@code kind}; refused unless {@code username} may operate the flow.
     *
     * @throws InvalidFlowException with every problem of the settings (paths from {@code $.config})
     */
    public ConnectionCheck check(String username, long flowId, String kind, JsonNode config) {
        FlowSummary flow = deployments.operable(username, flowId);
        NodeKind<?> found = registry.kind(kind).orElse(null);
        if (!(found instanceof TargetKind<?> target)) {
            throw new InvalidFlowException(List.of(new FlowProblem("$.kind",
                    "'" + kind + "' is not a target kind")));
        }
        Problems problems = new Problems();
        registry.validateConfig(new FlowNode("check", kind, (ObjectNode) config), access.context(flow.workspace()),
                problems.at(".config"));
        if (!problems.isEmpty()) {
            events.publishEvent(new TargetChecked(flow.workspace(), flowId, kind, username, problems.all().stream()
                    .map(p -> p.path() + ": " + p.message()).toList(), false, null));
            problems.throwIfAny();
        }
        TargetContext context = new TargetContext(broker.getIfAvailable(), http, secrets.of(flow.workspace()),
                flow.workspace(), reach);
        ConnectionCheck result = check(target, config, context);
        events.publishEvent(new TargetChecked(flow.workspace(), flowId, kind, username, List.of(), result.reachable(),
                result.message()));
        return result;
    }

    private static <C> ConnectionCheck check(TargetKind<C> kind, JsonNode config, TargetContext context) {
        return kind.check(NodeRegistry.bind(kind, config), context);
    }
}
