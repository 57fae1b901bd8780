package dev.sluice.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;

import dev.sluice.broker.BrokerConnection;
import dev.sluice.flow.FlowNode;

/**
 * Names and declares what a deployed flow needs on the broker, using only portable AMQP 0-9-1 features
 * (the embedded broker ignores RabbitMQ queue arguments); on RabbitMQ the flow queue is a quorum queue
 * with a delivery limit as a backstop against poison messages, and single active consumer for an ordered flow.
 */
public record Topology(String prefix) {

    static final String SOURCE_EXCHANGE_TYPE = "topic";

    /**
     * @param prefix starts every queue name, so several installations (or test runs) can share a broker
     */
    public Topology {
        if (prefix == null || prefix.isBlank()) {
            prefix = "sluice";
        }
    }

    /** The source's exchange: its name. Routing key = event type. */
    public static String sourceExchange(String source) {
        return source;
    }

    public String flowQueue(long flowId) {
        return prefix + ".flow." + flowId;
    }

    String retryQueue(long flowId, int level) {
        return flowQueue(flowId) + ".retry." + level;
    }

    public String deadLetterQueue(long flowId) {
        return flowQueue(flowId) + ".dead";
    }

    /** Declares the source exchange (idempotent). */
    public static void declareSource(Channel channel, String source) throws IOException {
        channel.exchangeDeclare(sourceExchange(source), SOURCE_EXCHANGE_TYPE, true);
    }

    /**
     * Declares the flow's queues and bindings. On RabbitMQ the flow queue of an {@code ordered} flow gets
     * {@code x-single-active-consumer}; queue arguments cannot change once declared, so when the queue exists
     * with other arguments (the flow was deployed unordered before) it is used as it is.
     *
     * @return true when the broker itself keeps one consumer active (RabbitMQ single active consumer); false
     *         when the engine must do it with an exclusive consumer
     */
    boolean declare(BrokerConnection broker, DeployedFlow deployed, int retryLevels) throws IOException {
        boolean rabbitMq = !broker.isEmbedded();
        FlowNode source = deployed.flow().nodes().stream().filter(n -> n.kind().equals("source")).findFirst()
                .orElseThrow();
        String sourceName = source.config().path("source").asText();
        String queue = flowQueue(deployed.flowId());
        boolean singleActive = false;
        try (Channel channel = broker.openChannel()) {
            declareSource(channel, sourceName);
            Map<String, Object> arguments = null;
            if (rabbitMq) {
                arguments = new HashMap<>();
                arguments.put("x-queue-type", "quorum");
                arguments.put("x-delivery-limit", 50);
                if (deployed.ordered()) {
                    arguments.put("x-single-active-consumer", true);
                }
            }
            channel.queueDeclare(queue, true, false, false, arguments);
            singleActive = rabbitMq && deployed.ordered();
        } catch (IOException e) {
            if (!rabbitMq || !String.valueOf(e.getCause()).contains("PRECONDITION_FAILED")) {
                throw e;
            }
            // declared earlier with other arguments: keep it, and its events
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
        try (Channel channel = broker.openChannel()) {
            channel.queueDeclarePassive(queue);
            List<String> types = new ArrayList<>();
            source.config().path("types").forEach(type -> types.add(type.asText()));
            if (types.isEmpty()) {
                channel.queueBind(queue, sourceExchange(sourceName), "#");
            } else {
                for (String type : types) {
                    channel.queueBind(queue, sourceExchange(sourceName), type);
                }
            }
            for (int level = 0; level < retryLevels; level++) {
                channel.queueDeclare(retryQueue(deployed.flowId(), level), true, false, false, null);
            }
            channel.queueDeclare(deadLetterQueue(deployed.flowId()), true, false, false, null);
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
        return singleActive;
    }

    /** Removes a flow's queues (undeploy with "delete the queue"). */
    void delete(Channel channel, long flowId, int retryLevels) throws IOException {
        channel.queueDelete(flowQueue(flowId));
        for (int level = 0; level < retryLevels; level++) {
            channel.queueDelete(retryQueue(flowId, level));
        }
        channel.queueDelete(deadLetterQueue(flowId));
    }
}
