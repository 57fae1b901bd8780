package dev.sluice.privacy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowEdge;
import dev.sluice.flow.FlowNode;
import dev.sluice.flow.FlowProblem;
import dev.sluice.pipeline.NodeRegistry;

/**
 * Traces every PII-tagged source field through a flow, along every route from the source to each target, and
 * reports where a tagged value can arrive in a form the flow's workspace is not cleared for. Errs on the side of a
 * leak: a wildcard may match any index, a mask below a tagged field leaves the rest of it clear, and what a
 * {@code script}, {@code template} or unknown node emits is assumed to carry every tagged value it received,
 * anywhere in {@code $.data} (in the form it received it): a later select narrows that to each path it keeps, and
 * only a mask, or a constant set, covering {@code $.data} (or the kept paths) removes it. Values a script writes into
 * attributes are not traced; the {@link SampledPiiCheck} is there for those. The caller passes the tags of the flow's
 * source and the clearance of its workspace. Stateless and thread-safe; works on any flow, valid or not (a node it
 * cannot read is treated as a script).
 */
public final class LeakGuard {

    private static final Comparator<Leak> ORDER = Comparator.comparing(Leak::target).thenComparing(Leak::targetPath)
            .thenComparing(Leak::tag).thenComparing(Leak::sourcePath).thenComparing(Leak::form)
            .thenComparing(leak -> String.join(",", leak.via()));

    private LeakGuard() {
    }

    /**
     * @param tags      the tags of the flow's source
     * @param clearance the clearance of the flow's workspace
     * @return every leak, sorted by target, target path, tag, source path, form and route; empty when none
     */
    public static List<Leak> check(Flow flow, PiiTags tags, Clearance clearance) {
        Set<Leak> leaks = new TreeSet<>(ORDER);
        for (Arrival arrival : arrivals(flow, tags)) {
            if (!arrival.allowedBy(clearance)) {
                leaks.add(arrival.leak());
            }
        }
        return List.copyOf(leaks);
    }

    /** Each leak with the problem the workspace reads about it, at its target node. */
    public static List<LeakFinding> findings(Flow flow, PiiTags tags, Clearance clearance) {
        return check(flow, tags, clearance).stream().map(leak -> new LeakFinding(leak,
                leak.problem(clearance.workspace(), clearance.level(leak.tag())))).toList();
    }

    /** The leaks as flow problems at their target nodes, for validation and the designer. */
    public static List<FlowProblem> problems(Flow flow, PiiTags tags, Clearance clearance) {
        return findings(flow, tags, clearance).stream().map(LeakFinding::problem).toList();
    }

    /** Every tagged value that can reach a target, in every form and along every route, allowed or not. */
    public static List<Arrival> arrivals(Flow flow, PiiTags tags) {
        Set<Arrival> arrivals = new LinkedHashSet<>();
        trace(flow, tags, arrivals, new HashMap<>());
        return List.copyOf(arrivals);
    }

    /** The tagged values that may leave each node (by id), over every route from the source. */
    static Map<String, Set<Taint>> leaving(Flow flow, PiiTags tags) {
        Map<String, Set<Taint>> byNode = new HashMap<>();
        trace(flow, tags, new LinkedHashSet<>(), byNode);
        return byNode;
    }

    private static void trace(Flow flow, PiiTags tags, Set<Arrival> arrivals, Map<String, Set<Taint>> byNode) {
        FlowNode source = flow.sourceNode().orElse(null);
        if (source == null) {
            return;
        }
        Set<Taint> start = new LinkedHashSet<>();
        tags.fields().forEach((path, tag) -> start.add(Taint.clear(tag, path, FieldPath.parse(path))));
        follow(flow, source, start, new ArrayList<>(List.of(source.id())), arrivals, byNode);
    }

    private static void follow(Flow flow, FlowNode node, Set<Taint> arriving, List<String> route,
                               Set<Arrival> arrivals, Map<String, Set<Taint>> byNode) {
        Set<Taint> leaving = NodeEffects.apply(NodeRegistry.builtIn().effects(node), arriving);
        byNode.computeIfAbsent(node.id(), id -> new LinkedHashSet<>()).addAll(leaving);
        if (node.kind() != null && node.kind().startsWith("target.")) {
            String nodePath = "$.nodes[" + flow.nodes().indexOf(node) + "]";
            for (Taint taint : leaving) {
                arrivals.add(new Arrival(node.id(), nodePath, taint.tag(), taint.source(), taint.at().toString(),
                        taint.form(), taint.hides(), route));
            }
        }
        for (FlowEdge edge : flow.edges()) {
            if (!edge.from().equals(node.id()) || route.contains(edge.to())) {
                continue;
            }
            FlowNode next = flow.node(edge.to()).orElse(null);
            if (next != null) {
                route.add(next.id());
                follow(flow, next, leaving, route, arrivals, byNode);
                route.removeLast();
            }
        }
    }
}
