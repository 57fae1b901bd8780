package dev.sluice.privacy;

import java.util.List;

import dev.sluice.flow.FlowProblem;

/**
 * A tagged value that can reach a target in a form the flow's workspace is not cleared for.
 *
 * @param target     the target node's id
 * @param node       the target node's JSONPath in the flow ({@code $.nodes[4]}), where the designer shows it
 * @param tag        the tag
 * @param sourcePath the tagged source field
 * @param targetPath where it arrives in the event ({@code $.data} when a script or template may have put it anywhere)
 * @param form       {@code clear} or {@code masked-by <mode>}
 * @param via        the node ids it passes, from the source to the target
 */
public record Leak(String target, String node, String tag, String sourcePath, String targetPath, String form,
                   List<String> via) {

    public Leak {
        via = List.copyOf(via);
    }

    /** As a flow problem at the target node, as validation reports them. */
    public FlowProblem problem(String workspace, Clearance.Level cleared) {
        String allowed = switch (cleared) {
            case NONE -> "may not receive " + tag + " in any form";
            case MASKED -> "may receive " + tag + " only masked";
            case CLEAR -> "may receive " + tag;
        };
        return new FlowProblem(node, tag + " from " + sourcePath + " reaches " + targetPath + " " + form + " via "
                + String.join(" → ", via) + "; workspace " + workspace + " " + allowed);
    }
}
