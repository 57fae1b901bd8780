package dev.sluice.target;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.rabbitmq.client.ConnectionFactory;

import dev.sluice.flow.Problems;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.NodeStep;
import dev.sluice.pipeline.ValidationContext;

/** Publishes to an exchange, on the platform's broker or an external AMQP broker, with publisher confirms. */
public final class RabbitMqTarget implements TargetKind<RabbitMqTarget.Config> {

    /**
     * @param exchange   exchange to publish to ({@code ""} is the default exchange)
     * @param routingKey routing key; absent means the event's type
     * @param broker     an external broker; absent means the platform's own
     */
    public record Config(String exchange, String routingKey, Broker broker) {
    }

    /** @param uri {@code amqp(s)://host:port/vhost} without credentials; they come from secrets */
    public record Broker(String uri, String username, SecretRef password) {

        /** Connects as configured, the password read from the workspace's secret. */
        ConnectionFactory connectionFactory(TargetContext context) throws Exception {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(uri);
            if (username != null) {
                factory.setUsername(username);
            }
            if (password != null) {
                factory.setPassword(new String(context.secret(password.secret(), "the broker password"),
                        StandardCharsets.UTF_8));
            }
            return factory;
        }
    }

    @Override
    public String id() {
        return "target.rabbitmq";
    }

    @Override
    public String summary() {
        return "Publishes each event to a RabbitMQ exchange (confirmed, persistent, message_id set)";
    }


    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public String configSchema() {
        return """
                {"type": "object", "required": ["exchange"], "additionalProperties": false,
                 "properties": {
                   "exchange": {"type": "string", "maxLength": 255, "pattern": "^[A-Za-z0-9._:/-]*$",
                                "title": "Exchange", "description": "Exchange to publish to"},
                   "routingKey": {"type": "string", "maxLength": 255, "title": "Routing key",
                                  "description": "Leave empty to use the event type"},
                   "broker": {"type": "object", "required": ["uri"], "additionalProperties": false,
                              "title": "External broker", "description": "Leave out to use the platform broker",
                              "properties": {
                                "uri": {"type": "string", "title": "AMQP URI", "description": "amqp://host:5672/vhost, no credentials"},
                                "username": {"type": "string", "maxLength": 200, "title": "Username"},
                                "password": %s}}}}
                """.formatted(SecretRef.SCHEMA);
    }

    @Override
    public String example() {
        return """
                {"exchange": "finance.ledger", "routingKey": "payment.changed"}
                """;
    }

    @Override
    public void validate(Config config, ValidationContext context, Problems problems) {
        if (config.broker() == null) {
            return;
        }
        try {
            URI uri = new URI(config.broker().uri());
            if (!List.of("amqp", "amqps").contains(String.valueOf(uri.getScheme())) || uri.getHost() == null) {
                problems.add(".broker.uri", "must be an amqp:// or amqps:// URI with a host");
            } else if (uri.getUserInfo() != null) {
                problems.add(".broker.uri", "must not contain credentials: give username and password (a secret) instead");
            }
        } catch (java.net.URISyntaxException e) {
            problems.add(".broker.uri", "is not a valid URI: " + e.getReason());
        }
    }

    @Override
    public NodeStep compile(Config config, CompileContext context) {
        return List::of;
    }

    @Override
    public Delivery open(Config config, TargetContext context) {
        return new RabbitMqDelivery(config, context);
    }

    @Override
    public ConnectionCheck check(Config config, TargetContext context) {
        return ConnectionChecks.rabbitMq(config, context);
    }
}
