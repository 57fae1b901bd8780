package dev.sluice.target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.sluice.broker.ConfirmingPublisher;
import dev.sluice.json.Json;
import dev.sluice.pipeline.FailureKind;

/**
 * {@code target.rabbitmq}: persistent publishes with asynchronous publisher confirms, on the platform's
 * broker or an external one; a nack or a lost channel is a transient failure.
 */
final class RabbitMqDelivery implements Delivery {

    private final RabbitMqTarget.Config config;
    private final Connection external;
    private final ConfirmingPublisher publisher;

    RabbitMqDelivery(RabbitMqTarget.Config config, TargetContext context) {
        this.config = config;
        if (config.connection() == null) {
            context.requirePlatformExchange(config.exchange());
            this.external = null;
            if (PlatformNamespace.isOwn(context.workspace(), config.exchange())) {
                declare(context, config.exchange());
            }
        } else {
            this.external = connect(context.endpoint(config.connection(), Endpoint.Kind.RABBITMQ), context);
        }
        this.publisher = new ConfirmingPublisher(() -> {
            try {
                return external != null ? external.createChannel() : context.broker().openChannel();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "exchange '" + config.exchange() + "'");
    }

    /** The workspace's own exchange: Sluice declares it, a durable topic exchange, so consumers can bind to it. */
    private static void declare(TargetContext context, String exchange) {
        try (var channel = context.broker().openChannel()) {
            channel.exchangeDeclare(exchange, "topic", true);
        } catch (IOException | java.util.concurrent.TimeoutException e) {
            throw new TargetFailure("cannot declare the exchange '" + exchange + "': " + e.getMessage(), FailureKind.TRANSIENT, e);
        }
    }

    private static Connection connect(Endpoint endpoint, TargetContext context) {
        try {
            ConnectionFactory factory = RabbitMqTarget.connectionFactory(endpoint, context);
            factory.setAutomaticRecoveryEnabled(true);
            return factory.newConnection("sluice-target");
        } catch (Exception e) {
            throw new TargetFailure("cannot connect to the broker of connection '" + endpoint.name() + "': "
                    + ConnectionChecks.describe(e), FailureKind.TRANSIENT, e);
        }
    }

    @Override
    public CompletableFuture<Void> deliver(ObjectNode event, String outputId) {
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(new TargetFailure("cannot serialize the event", FailureKind.PERMANENT, e));
        }
        String routingKey = config.routingKey() == null || config.routingKey().isEmpty()
                ? event.path("type").asText() : config.routingKey();
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/cloudevents+json")
                .deliveryMode(2)
                .messageId(outputId)
                .timestamp(new Date())
                .headers(Map.of("ce-type", event.path("type").asText()))
                .build();
        return publisher.publish(config.exchange(), routingKey, properties, body)
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(
                        new TargetFailure(error.getMessage(), FailureKind.TRANSIENT, error)));
    }

    @Override
    public void close() {
        publisher.close();
        if (external != null) {
            try {
                external.close();
            } catch (IOException | RuntimeException ignored) {
                // best effort on shutdown
            }
        }
    }
}
