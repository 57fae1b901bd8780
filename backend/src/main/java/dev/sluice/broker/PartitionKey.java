package dev.sluice.broker;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The key an event is partitioned by, as message headers: ingest writes the value of its source's key and a hash
 * of it; flows ordered by key route on them. RabbitMQ's consistent-hash exchange hashes {@link #HEADER} itself;
 * the embedded broker has no such exchange, so its partition queues are bound with a selector on a range of
 * {@link #HASH_HEADER} ({@link #selector}). Header names are plain identifiers, as selectors need.
 */
public final class PartitionKey {

    /** The key's value, as text. */
    public static final String HEADER = "sluice_key";
    /** {@link #hash} of the key, for brokers that cannot hash. */
    public static final String HASH_HEADER = "sluice_key_hash";
    /** Hashes fall in {@code [0, HASH_SPACE)}; partition i of n takes the i-th of n equal ranges. */
    static final int HASH_SPACE = 1 << 16;

    private PartitionKey() {
    }

    /**
     * A stable hash of {@code key}, the same on every instance: FNV-1a of its UTF-8 bytes, mixed by MurmurHash3's
     * finalizer so that keys alike ("user-1", "user-2") spread over the whole space, then cut to 16 bits.
     */
    public static int hash(String key) {
        int hash = 0x811c9dc5;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        hash ^= hash >>> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >>> 13;
        hash *= 0xc2b2ae35;
        hash ^= hash >>> 16;
        return hash >>> 16;
    }

    /** The partition of {@code partitions} that a key of this hash goes to. */
    public static int partition(int hash, int partitions) {
        return (int) ((long) hash * partitions / HASH_SPACE);
    }

    /**
     * The selector that binds partition {@code index} of {@code partitions} on the embedded broker: its range of
     * hashes; the first partition also takes events that carry no key (published by AMQP without the headers).
     */
    public static String selector(int index, int partitions) {
        long from = ((long) index * HASH_SPACE + partitions - 1) / partitions;
        long to = ((long) (index + 1) * HASH_SPACE + partitions - 1) / partitions;
        String range = HASH_HEADER + " >= " + from + " AND " + HASH_HEADER + " < " + to;
        return index == 0 ? "(" + HASH_HEADER + " IS NULL OR " + range + ")" : range;
    }

    /** The headers that carry {@code key}, added to {@code headers}. */
    public static void put(Map<String, Object> headers, String key) {
        headers.put(HEADER, key);
        headers.put(HASH_HEADER, hash(key));
    }

    /** A key read from an event: its text, or null when there is no single value (missing, null, object, array). */
    public static String text(com.fasterxml.jackson.databind.JsonNode value) {
        return value == null || value.isMissingNode() || value.isNull() || value.isContainerNode() ? null
                : value.asText();
    }

    /** The key these headers carry, or null. */
    public static String of(Map<String, Object> headers) {
        Object key = headers == null ? null : headers.get(HEADER);
        return key == null ? null : key.toString();
    }
}
