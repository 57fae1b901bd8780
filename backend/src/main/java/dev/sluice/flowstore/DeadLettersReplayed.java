package dev.sluice.flowstore;

import java.util.List;

/** Someone replayed dead letters of a flow: the ids asked for (empty: all) and how many went back. */
public record DeadLettersReplayed(long flowId, String workspace, String name, List<String> requested, int replayed,
                                  String by) {
}
