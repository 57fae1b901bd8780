package dev.sluice.engine;

/**
 * How a flow ordered by key runs: its events are spread over {@code partitions} queues by their source's key, each
 * queue consumed by one instance at a time, and within a queue the events of one key are processed one after the
 * other (retries included) while other keys go on.
 *
 * @param key        the JSONPath of the key: the source's key, which ingest writes into every event's headers
 * @param partitions how many queues, 1 to {@link #MAX_PARTITIONS}
 */
public record KeyOrder(String key, int partitions) {

    public static final int MAX_PARTITIONS = 32;
    public static final int DEFAULT_PARTITIONS = 4;

    public KeyOrder {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a key order needs the key's JSONPath");
        }
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw new IllegalArgumentException("partitions must be 1 to " + MAX_PARTITIONS + ", not " + partitions);
        }
    }
}
