package dev.sluice.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Generated user-center changes for the convergence check: creates, updates and deletes of {@code keys} users, each
 * change carrying a sequence number that grows per user ({@code $.data.seq}), published reordered within a window
 * and with duplicates; and the state a copy must end in, computed from the changes alone: for each user whose last
 * change is not a delete, that change's email and sequence number.
 */
final class ConvergingChanges {

    /** One CloudEvent as published: its id (a duplicate repeats it), type and JSON body. */
    record Message(String id, String type, byte[] body) {
    }

    /** A user's row in the copy. */
    record Row(String email, long seq) {
    }

    private static final int DUPLICATE_WITHIN = 2_000;

    private final List<Message> published = new ArrayList<>();
    private final Map<String, Row> expected = new TreeMap<>();
    private final int changes;

    /**
     * @param duplicates    the share of changes published twice (the copy a little later)
     * @param reorderWindow changes are shuffled within runs of this many (1: published in order)
     */
    ConvergingChanges(String run, int changes, int keys, double duplicates, int reorderWindow, long seed) {
        this.changes = changes;
        Random random = new Random(seed);
        long[] seq = new long[keys];
        boolean[] live = new boolean[keys];
        List<Message> inOrder = new ArrayList<>(changes);
        for (int n = 0; n < changes; n++) {
            int key = random.nextInt(keys);
            String user = "U" + key;
            seq[key]++;
            String type = !live[key] ? "user.created" : random.nextDouble() < 0.15 ? "user.deleted" : "user.updated";
            live[key] = !type.equals("user.deleted");
            String email = user.toLowerCase() + "." + seq[key] + "@example.com";
            String id = "conv-" + run + "-" + n;
            String data = type.equals("user.deleted") ? "{\"userId\":\"%s\",\"seq\":%d}".formatted(user, seq[key])
                    : "{\"userId\":\"%s\",\"email\":\"%s\",\"seq\":%d}".formatted(user, email, seq[key]);
            inOrder.add(new Message(id, type, """
                    {"specversion":"1.0","id":"%s","source":"/user-center/users","type":"%s","subject":"%s","data":%s}"""
                    .formatted(id, type, user, data).getBytes(StandardCharsets.UTF_8)));
            if (live[key]) {
                expected.put(user, new Row(email, seq[key]));
            } else {
                expected.remove(user);
            }
        }
        for (int from = 0; from < inOrder.size(); from += reorderWindow) {
            Collections.shuffle(inOrder.subList(from, Math.min(inOrder.size(), from + reorderWindow)), random);
        }
        List<Message> late = new ArrayList<>();
        List<Integer> lateAt = new ArrayList<>();
        for (int n = 0; n < inOrder.size(); n++) {
            published.add(inOrder.get(n));
            if (random.nextDouble() < duplicates) {
                late.add(inOrder.get(n));
                lateAt.add(published.size() + random.nextInt(DUPLICATE_WITHIN));
            }
            for (int i = 0; i < late.size(); i++) {
                if (lateAt.get(i) <= published.size()) {
                    published.add(late.remove(i));
                    lateAt.remove(i--);
                }
            }
        }
        published.addAll(late);
    }

    /** Distinct events (each change once). */
    int changes() {
        return changes;
    }

    /** What is published, duplicates included, in publishing order. */
    List<Message> published() {
        return published;
    }

    Map<String, Row> expected() {
        return expected;
    }

    /** How many changes were published out of order: after a later change of the same user. */
    long reordered() {
        Map<String, Long> newest = new java.util.HashMap<>();
        long behind = 0;
        for (Message message : published) {
            String body = new String(message.body(), StandardCharsets.UTF_8);
            String user = body.replaceAll(".*\"subject\":\"([^\"]+)\".*", "$1");
            long seq = Long.parseLong(body.replaceAll(".*\"seq\":(\\d+).*", "$1"));
            if (newest.getOrDefault(user, 0L) > seq) {
                behind++;
            }
            newest.merge(user, seq, Math::max);
        }
        return behind;
    }
}
