package dev.sluice.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.sluice.broker.BrokerConnection;
import dev.sluice.flow.FlowNode;

/**
 * Names and declares what a deployed flow needs on the broker, using only portable AMQP 0-9-1 features
 * (the embedded broker ignores RabbitMQ queue arguments); on RabbitMQ every queue is a quorum queue, the flow
 * queue with a delivery limit as a backstop against poison messages, and single active consumer for an ordered flow.
 */
public record Topology(String prefix) {

    private static final Logger log = LoggerFactory.getLogger(Topology.class);

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
        FlowNode source = deployed.flow().sourceNode().orElseThrow();
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
            if (!rabbitMq || !BrokerConnection.preconditionFailed(e)) {
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
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
        boolean flowIdle;
        try (Channel channel = broker.openChannel()) {
            flowIdle = channel.queueDeclarePassive(queue).getConsumerCount() == 0;
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
        for (int level = 0; level < retryLevels; level++) {
            declareHolding(broker, retryQueue(deployed.flowId(), level), true);
        }
        // the dead-letter queue has no consumers, so "unused" says nothing: another instance running the flow
        // could dead-letter into the gap between delete and declare, hence only while no instance consumes it
        declareHolding(broker, deadLetterQueue(deployed.flowId()), flowIdle);
        return singleActive;
    }

    /**
     * A retry or dead-letter queue: a quorum queue on RabbitMQ, so it is replicated like the flow queue. One
     * deployed before as a classic queue cannot be redeclared (PRECONDITION_FAILED): while it is empty and unused it
     * is replaced; otherwise it is kept as it is, with its events, and replaced at a later start once it is.
     */
    private static void declareHolding(BrokerConnection broker, String queue, boolean replaceable)
            throws IOException {
        if (broker.isEmbedded()) {
            try (Channel channel = broker.openChannel()) {
                channel.queueDeclare(queue, true, false, false, null);
            } catch (TimeoutException e) {
                throw new IOException(e);
            }
            return;
        }
        Map<String, Object> quorum = Map.of("x-queue-type", "quorum");
        try (Channel channel = broker.openChannel()) {
            channel.queueDeclare(queue, true, false, false, quorum);
            return;
        } catch (IOException e) {
            if (!BrokerConnection.preconditionFailed(e)) {
                throw e;
            }
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
        if (!replaceable) {
            log.info("Queue {} stays a classic queue while its flow runs elsewhere", queue);
            return;
        }
        try (Channel channel = broker.openChannel()) {
            channel.queueDelete(queue, true, true);
            channel.queueDeclare(queue, true, false, false, quorum);
            log.info("Queue {} is now a quorum queue (it was a classic queue, empty and unused)", queue);
        } catch (IOException e) {
            if (!BrokerConnection.preconditionFailed(e)) {
                throw e;
            }
            log.info("Queue {} stays a classic queue while it holds events or has consumers", queue);
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
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
