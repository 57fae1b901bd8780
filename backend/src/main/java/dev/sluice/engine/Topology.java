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
import dev.sluice.broker.PartitionKey;
import dev.sluice.flow.FlowNode;

/**
 * Names and declares what a deployed flow needs on the broker, using only portable AMQP 0-9-1 features
 * (the embedded broker ignores RabbitMQ queue arguments); on RabbitMQ every queue is a quorum queue, the flow
 * queue with a delivery limit as a backstop against poison messages, and single active consumer for an ordered flow.
 */
public record Topology(String prefix) {

    private static final Logger log = LoggerFactory.getLogger(Topology.class);

    static final String SOURCE_EXCHANGE_TYPE = "topic";
    private static final String CONSISTENT_HASH = "x-consistent-hash";

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

    /** The queue from which the engine keeps the latest event of each key of a source. */
    public String latestQueue(String source) {
        return prefix + ".source." + source + ".latest";
    }

    /** The stream (RabbitMQ) of every event a source published within the history's retention. */
    public String historyStream(String source) {
        return prefix + ".source." + source + ".history";
    }

    /** Where the snapshot of a flow's source waits for the flow, before its live events (deploy from snapshot). */
    public String bootstrapQueue(long flowId) {
        return flowQueue(flowId) + ".bootstrap";
    }

    /** Partition {@code index} of a flow ordered by key. */
    public String partitionQueue(long flowId, int index) {
        return flowQueue(flowId) + ".p" + index;
    }

    /** On RabbitMQ, the consistent-hash exchange that spreads a flow ordered by key over its partitions. */
    String partitionExchange(long flowId) {
        return flowQueue(flowId) + ".keyed";
    }

    /** On RabbitMQ, where {@link #partitionExchange} sends events it cannot hash (no key header): the first partition. */
    String keylessExchange(long flowId) {
        return flowQueue(flowId) + ".keyless";
    }

    /**
     * Where an event of a flow is published again (a dead letter replayed): the flow's queue, or when it is ordered
     * by key ({@code keyOrder} not null) the partition of the event's key.
     */
    Destination entry(BrokerConnection broker, long flowId, KeyOrder keyOrder, Map<String, Object> headers) {
        if (keyOrder == null) {
            return new Destination("", flowQueue(flowId));
        }
        if (!broker.isEmbedded()) {
            return new Destination(partitionExchange(flowId), "");
        }
        Object hash = headers == null ? null : headers.get(PartitionKey.HASH_HEADER);
        int index = hash instanceof Number number ? PartitionKey.partition(number.intValue(), keyOrder.partitions()) : 0;
        return new Destination("", partitionQueue(flowId, index));
    }

    /** An exchange and routing key to publish to. */
    record Destination(String exchange, String routingKey) {
    }

    /**
     * What {@link #declare} set up for a flow's consumers.
     *
     * @param queues       the queues the flow consumes: its queue, or its partitions
     * @param singleActive true when the broker itself keeps one consumer active per queue (RabbitMQ single active
     *                     consumer); false when the engine must do it, for an ordered flow, with an exclusive consumer
     * @param leftovers    queues of the flow's earlier layout (ordered by key before, or not) that still hold events:
     *                     no longer bound to the source, consumed until empty
     */
    record Declared(List<String> queues, boolean singleActive, List<String> leftovers) {
    }

    /** Declares the source exchange (idempotent). */
    public static void declareSource(Channel channel, String source) throws IOException {
        channel.exchangeDeclare(sourceExchange(source), SOURCE_EXCHANGE_TYPE, true);
    }

    /**
     * Declares the flow's queues and bindings, its retry queues and its dead-letter queue. On RabbitMQ the flow
     * queue of an {@code ordered} flow gets {@code x-single-active-consumer}; queue arguments cannot change once
     * declared, so when the queue exists with other arguments (the flow was deployed unordered before) it is used
     * as it is. A flow ordered by key gets partitions instead ({@link #declarePartitions}).
     */
    Declared declare(BrokerConnection broker, DeployedFlow deployed, int retryLevels) throws IOException {
        FlowNode source = deployed.flow().sourceNode().orElseThrow();
        String sourceName = source.config().path("source").asText();
        List<String> types = new ArrayList<>();
        source.config().path("types").forEach(type -> types.add(type.asText()));
        Declared declared = deployed.keyOrder() != null
                ? declarePartitions(broker, deployed, sourceName, types)
                : declareQueue(broker, deployed, sourceName, types);
        boolean flowIdle = true;
        for (String queue : declared.queues()) {
            flowIdle &= consumers(broker, queue) == 0;
        }
        for (int level = 0; level < retryLevels; level++) {
            declareHolding(broker, retryQueue(deployed.flowId(), level), true);
        }
        // the dead-letter queue has no consumers, so "unused" says nothing: another instance running the flow
        // could dead-letter into the gap between delete and declare, hence only while no instance consumes it
        declareHolding(broker, deadLetterQueue(deployed.flowId()), flowIdle);
        return declared;
    }

    private Declared declareQueue(BrokerConnection broker, DeployedFlow deployed, String sourceName,
                                  List<String> types) throws IOException {
        boolean rabbitMq = !broker.isEmbedded();
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
            for (String bindingKey : bindingKeys(types)) {
                channel.queueBind(queue, sourceExchange(sourceName), bindingKey);
            }
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
        List<String> leftovers = existingPartitions(broker, deployed.flowId(), 0);
        if (rabbitMq) {
            if (!leftovers.isEmpty()) {
                // the partitions are fed through the consistent-hash exchange: unbinding it stops them all
                unbindFromSource(broker, sourceName, types, (channel, source, bindingKey) ->
                        channel.exchangeUnbind(partitionExchange(deployed.flowId()), source, bindingKey));
            }
        } else {
            leftovers.forEach(partition -> unbindFromSource(broker, sourceName, types, (channel, source, bindingKey) ->
                    channel.queueUnbind(partition, source, bindingKey)));
        }
        return new Declared(List.of(queue), singleActive, leftovers);
    }

    /**
     * A flow ordered by key: N partition queues (quorum, single active consumer, on RabbitMQ), fed on RabbitMQ by a
     * consistent-hash exchange on the key header, bound to the source exchange; on the embedded broker each
     * partition is bound to the source exchange with a selector on its range of key hashes. When the flow ran
     * unordered (or ordered as a whole) before, its queue is unbound and drained as a leftover.
     */
    private Declared declarePartitions(BrokerConnection broker, DeployedFlow deployed, String sourceName,
                                       List<String> types) throws IOException {
        long flowId = deployed.flowId();
        int partitions = deployed.keyOrder().partitions();
        boolean rabbitMq = !broker.isEmbedded();
        if (rabbitMq && !broker.supportsExchangeType(CONSISTENT_HASH)) {
            throw new IOException("RabbitMQ cannot partition by key: enable its consistent-hash exchange "
                    + "(rabbitmq-plugins enable rabbitmq_consistent_hash_exchange)");
        }
        List<String> queues = new ArrayList<>();
        try (Channel channel = broker.openChannel()) {
            declareSource(channel, sourceName);
            if (rabbitMq) {
                channel.exchangeDeclare(keylessExchange(flowId), "fanout", true);
                channel.exchangeDeclare(partitionExchange(flowId), CONSISTENT_HASH, true, false,
                        Map.of("hash-header", PartitionKey.HEADER, "alternate-exchange", keylessExchange(flowId)));
            }
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
        for (int index = 0; index < partitions; index++) {
            String queue = partitionQueue(flowId, index);
            queues.add(queue);
            try (Channel channel = broker.openChannel()) {
                Map<String, Object> arguments = null;
                if (rabbitMq) {
                    arguments = Map.of("x-queue-type", "quorum", "x-delivery-limit", 50,
                            "x-single-active-consumer", true);
                }
                channel.queueDeclare(queue, true, false, false, arguments);
                if (rabbitMq) {
                    // the binding key of a consistent-hash exchange is the queue's weight
                    channel.queueBind(queue, partitionExchange(flowId), "1");
                    if (index == 0) {
                        channel.queueBind(queue, keylessExchange(flowId), "");
                    }
                } else {
                    Map<String, Object> selector = Map.of("x-filter-jms-selector",
                            PartitionKey.selector(index, partitions));
                    for (String bindingKey : bindingKeys(types)) {
                        channel.queueBind(queue, sourceExchange(sourceName), bindingKey, selector);
                    }
                }
            } catch (TimeoutException e) {
                throw new IOException(e);
            }
        }
        if (rabbitMq) {
            try (Channel channel = broker.openChannel()) {
                for (String bindingKey : bindingKeys(types)) {
                    channel.exchangeBind(partitionExchange(flowId), sourceExchange(sourceName), bindingKey);
                }
            } catch (TimeoutException e) {
                throw new IOException(e);
            }
        }
        List<String> leftovers = existingPartitions(broker, flowId, partitions);
        for (String partition : leftovers) {
            if (rabbitMq) {
                try (Channel channel = broker.openChannel()) {
                    channel.queueUnbind(partition, partitionExchange(flowId), "1");
                } catch (IOException | TimeoutException e) {
                    log.debug("Partition {} was not bound", partition, e);
                }
            } else {
                unbindFromSource(broker, sourceName, types, (channel, source, bindingKey) ->
                        channel.queueUnbind(partition, source, bindingKey));
            }
        }
        String queue = flowQueue(flowId);
        if (exists(broker, queue)) {
            unbindFromSource(broker, sourceName, types, (channel, source, bindingKey) ->
                    channel.queueUnbind(queue, source, bindingKey));
            leftovers.add(queue);
        }
        return new Declared(queues, rabbitMq, leftovers);
    }

    private static List<String> bindingKeys(List<String> types) {
        return types.isEmpty() ? List.of("#") : types;
    }

    private static boolean exists(BrokerConnection broker, String queue) {
        try (Channel channel = broker.openChannel()) {
            channel.queueDeclarePassive(queue);
            return true;
        } catch (IOException | TimeoutException | RuntimeException e) {
            return false;
        }
    }

    private static long consumers(BrokerConnection broker, String queue) throws IOException {
        try (Channel channel = broker.openChannel()) {
            return channel.queueDeclarePassive(queue).getConsumerCount();
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
    }

    /** The partition queues of the flow that exist, from partition {@code from} up to the first missing one. */
    private List<String> existingPartitions(BrokerConnection broker, long flowId, int from) {
        List<String> existing = new ArrayList<>();
        for (int index = from; index < KeyOrder.MAX_PARTITIONS && exists(broker, partitionQueue(flowId, index));
             index++) {
            existing.add(partitionQueue(flowId, index));
        }
        return existing;
    }

    /** Removes one binding from a source's exchange. */
    @FunctionalInterface
    private interface Unbinding {
        void unbind(Channel channel, String sourceExchange, String bindingKey) throws IOException;
    }

    /**
     * Stops the source from feeding something (a queue, or an exchange): its bindings for these types and for all
     * ("#"), each on a channel of its own, since a binding that is not there may cost the channel.
     */
    private static void unbindFromSource(BrokerConnection broker, String sourceName, List<String> types,
                                         Unbinding unbinding) {
        List<String> keys = new ArrayList<>(types);
        keys.add("#");
        for (String bindingKey : keys) {
            try (Channel channel = broker.openChannel()) {
                unbinding.unbind(channel, sourceExchange(sourceName), bindingKey);
            } catch (IOException | TimeoutException | RuntimeException e) {
                log.debug("{} was not bound by {}", sourceName, bindingKey, e);
            }
        }
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
    void delete(BrokerConnection broker, long flowId, int retryLevels) throws IOException, TimeoutException {
        for (String partition : existingPartitions(broker, flowId, 0)) {
            try (Channel channel = broker.openChannel()) {
                channel.queueDelete(partition);
            }
        }
        if (!broker.isEmbedded()) {
            try (Channel channel = broker.openChannel()) {
                channel.exchangeDelete(partitionExchange(flowId));
                channel.exchangeDelete(keylessExchange(flowId));
            }
        }
        if (exists(broker, bootstrapQueue(flowId))) {
            try (Channel channel = broker.openChannel()) {
                channel.queueDelete(bootstrapQueue(flowId));
            }
        }
        try (Channel channel = broker.openChannel()) {
            delete(channel, flowId, retryLevels);
        }
    }

    private void delete(Channel channel, long flowId, int retryLevels) throws IOException {
        channel.queueDelete(flowQueue(flowId));
        for (int level = 0; level < retryLevels; level++) {
            channel.queueDelete(retryQueue(flowId, level));
        }
        channel.queueDelete(deadLetterQueue(flowId));
    }
}
