package dev.sluice.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class PartitionKeyTest {

    private static final Pattern RANGE = Pattern.compile(">= (\\d+) AND sluice_key_hash < (\\d+)");

    @Test
    void theEmbeddedBrokersSelectorsCoverEveryHashOnceAndAgreeWithThePartitionOfIt() {
        for (int partitions = 1; partitions <= 32; partitions++) {
            int[] from = new int[partitions];
            int[] to = new int[partitions];
            for (int index = 0; index < partitions; index++) {
                Matcher range = RANGE.matcher(PartitionKey.selector(index, partitions));
                assertThat(range.find()).isTrue();
                from[index] = Integer.parseInt(range.group(1));
                to[index] = Integer.parseInt(range.group(2));
            }
            assertThat(from[0]).isZero();
            assertThat(to[partitions - 1]).isEqualTo(PartitionKey.HASH_SPACE);
            for (int hash = 0; hash < PartitionKey.HASH_SPACE; hash++) {
                int index = PartitionKey.partition(hash, partitions);
                assertThat(hash).as("hash %d of %d partitions", hash, partitions)
                        .isGreaterThanOrEqualTo(from[index]).isLessThan(to[index]);
            }
        }
    }

    @Test
    void eventsWithoutAKeyGoToTheFirstPartition() {
        assertThat(PartitionKey.selector(0, 4)).startsWith("(sluice_key_hash IS NULL OR ");
        assertThat(PartitionKey.selector(1, 4)).doesNotContain("IS NULL");
    }

    @Test
    void keysAlikeSpreadEvenlyOverThePartitions() {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < 4000; i++) {
            counts.merge(PartitionKey.partition(PartitionKey.hash("user-" + i), 4), 1, Integer::sum);
        }
        assertThat(counts).hasSize(4);
        assertThat(counts.values()).allMatch(n -> n > 800 && n < 1200);
    }

    @Test
    void theHashIsTheSameOnEveryInstanceAndInTheHashSpace() {
        assertThat(PartitionKey.hash("user-0")).isEqualTo(PartitionKey.hash(new String("user-0")));
        assertThat(PartitionKey.hash("")).isBetween(0, PartitionKey.HASH_SPACE - 1);
        assertThat(PartitionKey.hash("用户-7")).isBetween(0, PartitionKey.HASH_SPACE - 1);
        Map<String, Object> headers = new HashMap<>();
        PartitionKey.put(headers, "user-0");
        assertThat(PartitionKey.of(headers)).isEqualTo("user-0");
        assertThat(headers.get(PartitionKey.HASH_HEADER)).isEqualTo(PartitionKey.hash("user-0"));
    }
}
