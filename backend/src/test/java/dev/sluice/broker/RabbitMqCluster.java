package dev.sluice.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A RabbitMQ cluster of the test's own: nodes started as {@link RabbitMqNode}s on free ports, each in a directory of
 * its own, the second and later joined to the first. Stopped node by node at the end.
 */
public final class RabbitMqCluster implements AutoCloseable {

    private final List<RabbitMqNode> nodes;

    private RabbitMqCluster(List<RabbitMqNode> nodes) {
        this.nodes = nodes;
    }

    public static RabbitMqCluster start(Path server, Path workDir, int size) throws Exception {
        List<RabbitMqNode> nodes = new ArrayList<>();
        try {
            for (int i = 1; i <= size; i++) {
                nodes.add(RabbitMqNode.start(server, Files.createDirectories(workDir.resolve("node-" + i)), List.of()));
            }
            for (RabbitMqNode node : nodes.subList(1, size)) {
                node.joinClusterOf(nodes.getFirst());
            }
            return new RabbitMqCluster(nodes);
        } catch (Exception e) {
            new RabbitMqCluster(nodes).close();
            throw e;
        }
    }

    public List<RabbitMqNode> nodes() {
        return List.copyOf(nodes);
    }

    /** Every node's AMQP URI, separated by commas, as {@code SLUICE_AMQP_URI} takes a cluster. */
    public String amqpUris() {
        return nodes.stream().map(RabbitMqNode::amqpUri).collect(Collectors.joining(","));
    }

    /** The node leading the quorum queue {@code queue} now, asked of {@code askedNode}. */
    public RabbitMqNode leaderOf(String queue, RabbitMqNode askedNode) throws Exception {
        for (String line : askedNode.ctlOutput("list_queues", "--no-table-headers", "name", "leader").split("\n")) {
            String[] columns = line.strip().split("\\s+");
            if (columns.length == 2 && columns[0].equals(queue)) {
                return nodes.stream().filter(node -> node.name().equals(columns[1])).findFirst()
                        .orElseThrow(() -> new IllegalStateException(queue + " is led by " + columns[1]
                                + ", not a node of this cluster"));
            }
        }
        throw new IllegalStateException(askedNode.name() + " does not know the queue " + queue);
    }

    /** Waits until {@code queue} has a leader other than {@code gone}, and returns it. */
    public RabbitMqNode awaitNewLeader(String queue, RabbitMqNode gone, Duration limit) throws Exception {
        RabbitMqNode asked = nodes.stream().filter(node -> node != gone).findFirst().orElseThrow();
        Instant deadline = Instant.now().plus(limit);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                RabbitMqNode leader = leaderOf(queue, asked);
                if (leader != gone) {
                    return leader;
                }
            } catch (IllegalStateException e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(queue + " had no new leader within " + limit.toSeconds() + " s", last);
    }

    @Override
    public void close() {
        IllegalStateException failed = null;
        for (RabbitMqNode node : nodes.reversed()) {
            try {
                node.close();
            } catch (IllegalStateException e) {
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
