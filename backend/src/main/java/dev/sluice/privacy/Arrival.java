package dev.sluice.privacy;

import java.util.List;

/**
 * A tagged source value that can reach a target, along one route, whether or not the workspace may receive it.
 *
 * @param target     the target node's id
 * @param node       the target node's JSONPath in the flow ({@code $.nodes[4]})
 * @param tag        the tag
 * @param sourcePath the tagged source field
 * @param targetPath where it arrives ({@code $.data} when a script or template may have put it anywhere in data)
 * @param form       {@code clear} or {@code masked-by <mode>}
 * @param hidden     whether that mask hides a value of this tag ({@link MaskHiding})
 * @param via        the node ids it passes, from the source to the target
 */
public record Arrival(String target, String node, String tag, String sourcePath, String targetPath, String form,
                      boolean hidden, List<String> via) {

    public Arrival {
        via = List.copyOf(via);
    }

    /** True when a workspace with this clearance may receive the value in this form. */
    public boolean allowedBy(Clearance clearance) {
        return switch (clearance.level(tag)) {
            case CLEAR -> true;
            case MASKED -> hidden;
            case NONE -> false;
        };
    }

    Leak leak() {
        return new Leak(target, node, tag, sourcePath, targetPath, form, via);
    }
}
