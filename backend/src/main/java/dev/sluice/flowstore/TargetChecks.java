package dev.sluice.flowstore;

import java.net.http.HttpClient;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import dev.sluice.broker.BrokerConnection;
import dev.sluice.engine.WorkspaceSecrets;
import dev.sluice.pipeline.NodeKind;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.target.ConnectionCheck;
import dev.sluice.target.TargetContext;
import dev.sluice.target.TargetKind;

/**
 * "Test connection" for a target node of a flow as it is being edited: reaches the target with the node's
 * settings and the flow workspace's secrets, without sending an event. For those who may operate the flow,
 * since a check may use the workspace's secrets.
 */
@Service
public class TargetChecks {

    private final FlowDeployments deployments;
    private final NodeRegistry registry;
    private final ObjectProvider<BrokerConnection> broker;
    private final WorkspaceSecrets secrets;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    TargetChecks(FlowDeployments deployments, NodeRegistry registry, ObjectProvider<BrokerConnection> broker,
                 WorkspaceSecrets secrets) {
        this.deployments = deployments;
        this.registry = registry;
        this.broker = broker;
        this.secrets = secrets;
    }

    /** Checks a target node's config of {@code kind}; refused unless {@code username} may operate the flow. */
    public ConnectionCheck check(String username, long flowId, String kind, JsonNode config) {
        FlowSummary flow = deployments.operable(username, flowId);
        NodeKind<?> found = registry.kind(kind).orElse(null);
        if (!(found instanceof TargetKind<?> target)) {
            return new ConnectionCheck(false, "'" + kind + "' is not a target kind");
        }
        TargetContext context = new TargetContext(broker.getIfAvailable(), http, secrets.of(flow.workspace()));
        return check(target, config, context);
    }

    private static <C> ConnectionCheck check(TargetKind<C> kind, JsonNode config, TargetContext context) {
        C bound;
        try {
            if (config == null || !config.isObject()) {
                throw new IllegalArgumentException("no config");
            }
            bound = NodeRegistry.bind(kind, config);
        } catch (IllegalArgumentException invalid) {
            return new ConnectionCheck(false, "Fix the settings marked on the form first");
        }
        return kind.check(bound, context);
    }
}
