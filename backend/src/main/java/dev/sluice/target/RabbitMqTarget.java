package dev.sluice.target;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;

import dev.sluice.flow.Problems;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.NodeCategory;
import dev.sluice.pipeline.NodeSpec;
import dev.sluice.pipeline.NodeStep;
import dev.sluice.pipeline.Setting;
import dev.sluice.pipeline.ValidationContext;

/**
 * Publishes to an exchange with publisher confirms: on the platform broker, into the workspace's own namespace
 * ({@link PlatformNamespace}); or on another broker through a {@code rabbitmq} connection of the workspace.
 */
public final class RabbitMqTarget implements TargetKind<RabbitMqTarget.Config> {

    private static final NodeSpec<Config> SPEC = NodeSpec.target("target.rabbitmq", Config.class)
            .shownAs(NodeCategory.TARGET, "vaadin:paperplane", "RabbitMQ exchange",
                    "Publishes each event to a RabbitMQ exchange (confirmed, persistent, message_id set)")
            .withExample("""
                    {"exchange": "ws.finance.ledger", "routingKey": "payment.changed"}
                    """)
            .describedBy(RabbitMqTarget::describe);

    /**
     * @param exchange   exchange to publish to
     * @param routingKey routing key; absent means the event's type
     * @param connection a {@code rabbitmq} connection of the workspace; absent means the platform broker
     */
    public record Config(@Setting(required = true, maxLength = 255, pattern = "^[A-Za-z0-9._:/-]*$", title = "Exchange",
                                  description = "On the platform broker: ws.<workspace>.<name> or a source your"
                                          + " workspace owns") String exchange,
                         @Setting(maxLength = 255, title = "Routing key",
                                  description = "Leave empty to use the event type") String routingKey,
                         @Setting(format = "rabbitmq-connection", pattern = Connections.NAME, title = "Broker connection",
                                  description = "Leave empty for the platform broker; or which rabbitmq"
                                          + Connections.CHOSEN) String connection) {
    }


    @Override
    public NodeSpec<Config> spec() {
        return SPEC;
    }

    /** Exchange and routing key: {@code ws.finance.ledger / payment.changed}. */
    static String describe(JsonNode config) {
        String key = config.path("routingKey").asText();
        return config.path("exchange").asText() + (key.isEmpty() ? "" : " / " + key);
    }

    @Override
    public void validate(Config config, ValidationContext context, Problems problems) {
        if (config.connection() != null) {
            Connections.validate(config.connection(), Endpoint.Kind.RABBITMQ, context, problems);
            return;
        }
        if (context.workspace() == null) {
            return;
        }
        PlatformNamespace.refusal(context.workspace(), config.exchange(),
                        name -> context.sources().find(name).map(ValidationContext.SourceInfo::owned).orElse(false))
                .ifPresent(why -> problems.add(".exchange", why));
    }

    /** Connects as the connection says, the password read from the workspace's secret. */
    static ConnectionFactory connectionFactory(Endpoint endpoint, TargetContext context) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(endpoint.url());
        if (endpoint.username() != null) {
            factory.setUsername(endpoint.username());
        }
        if (endpoint.password() != null) {
            factory.setPassword(context.secretText(endpoint.password(), "the broker password"));
        }
        return factory;
    }

    @Override
    public NodeStep compile(Config config, CompileContext context) {
        return List::of;
    }

    @Override
    public Delivery open(Config config, TargetContext context) {
        return new RabbitMqDelivery(config, context);
    }

    /** Connects to the broker (the platform's or the connection's) and looks the exchange up without declaring it. */
    @Override
    public ConnectionCheck check(Config config, TargetContext context) {
        String where = config.connection() == null ? "the platform broker" : "connection '" + config.connection() + "'";
        Endpoint endpoint = null;
        try {
            if (config.connection() == null) {
                context.requirePlatformExchange(config.exchange());
            } else {
                endpoint = context.endpoint(config.connection(), Endpoint.Kind.RABBITMQ);
            }
        } catch (TargetFailure refused) {
            return ConnectionCheck.failed(refused.getMessage());
        }
        com.rabbitmq.client.Connection external = null;
        try {
            Channel channel;
            if (endpoint == null) {
                channel = context.broker().openChannel();
            } else {
                external = ConnectionChecks.connectToBroker(endpoint, context);
                channel = external.createChannel();
            }
            try {
                channel.exchangeDeclarePassive(config.exchange());
                return ConnectionCheck.reached("Reached " + where + ": the exchange '" + config.exchange() + "' exists");
            } catch (IOException missing) {
                boolean own = endpoint == null && PlatformNamespace.isOwn(context.workspace(), config.exchange());
                return own ? ConnectionCheck.reached("Reached " + where + ": Sluice declares the exchange '"
                        + config.exchange() + "' when the flow is deployed")
                        : ConnectionCheck.failed("Reached " + where + ", but the exchange '" + config.exchange()
                        + "' does not exist there (or may not be used)");
            } finally {
                if (channel.isOpen()) {
                    channel.abort();
                }
            }
        } catch (Exception e) {
            return ConnectionCheck.failed("Cannot connect to " + where + ": " + ConnectionChecks.describe(e));
        } finally {
            if (external != null) {
                external.abort();
            }
        }
    }
}
