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
import dev.sluice.pipeline.NodeRole;

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
        return check(flow, tags, clearance, NodeRegistry.builtIn());
    }

    /** {@link #check(Flow, PiiTags, Clearance)} with the kinds of {@code registry}. */
    public static List<Leak> check(Flow flow, PiiTags tags, Clearance clearance, NodeRegistry registry) {
        Set<Leak> leaks = new TreeSet<>(ORDER);
        for (Arrival arrival : arrivals(flow, tags, registry)) {
            if (!arrival.allowedBy(clearance)) {
                leaks.add(arrival.leak());
            }
        }
        return List.copyOf(leaks);
    }

    /** Each leak with the problem the workspace reads about it, at its target node. */
    public static List<LeakFinding> findings(Flow flow, PiiTags tags, Clearance clearance) {
        return check(flow, tags, clearance).stream().map(leak -> {
            Clearance.Level cleared = clearance.level(leak.tag());
            return new LeakFinding(leak, leak.problem(clearance.workspace(), cleared), cleared);
        }).toList();
    }

    /** The leaks as flow problems at their target nodes, for validation and the designer. */
    public static List<FlowProblem> problems(Flow flow, PiiTags tags, Clearance clearance) {
        return findings(flow, tags, clearance).stream().map(LeakFinding::problem).toList();
    }

    /** Every tagged value that can reach a target, in every form and along every route, allowed or not. */
    public static List<Arrival> arrivals(Flow flow, PiiTags tags) {
        return arrivals(flow, tags, NodeRegistry.builtIn());
    }

    private static List<Arrival> arrivals(Flow flow, PiiTags tags, NodeRegistry registry) {
        Set<Arrival> arrivals = new LinkedHashSet<>();
        trace(flow, tags, registry, arrivals, new HashMap<>());
        return List.copyOf(arrivals);
    }

    /** The tagged values that may leave each node (by id), over every route from the source. */
    static Map<String, Set<Taint>> leaving(Flow flow, PiiTags tags) {
        Map<String, Set<Taint>> byNode = new HashMap<>();
        trace(flow, tags, NodeRegistry.builtIn(), new LinkedHashSet<>(), byNode);
        return byNode;
    }

    private static void trace(Flow flow, PiiTags tags, NodeRegistry registry, Set<Arrival> arrivals,
                              Map<String, Set<Taint>> byNode) {
        FlowNode source = flow.sourceNode().orElse(null);
        if (source == null) {
            return;
        }
        Set<Taint> start = new LinkedHashSet<>();
        tags.fields().forEach((path, tag) -> start.add(Taint.clear(tag, path, FieldPath.parse(path))));
        new Route(flow, registry, arrivals, byNode).follow(source, start, new ArrayList<>(List.of(source.id())));
    }

    /** One walk through a flow: what reaches each node and target along every route. */
    private record Route(Flow flow, NodeRegistry registry, Set<Arrival> arrivals, Map<String, Set<Taint>> byNode) {

        void follow(FlowNode node, Set<Taint> arriving, List<String> route) {
            Set<Taint> leaving = NodeEffects.apply(registry.effects(node), arriving);
            byNode.computeIfAbsent(node.id(), id -> new LinkedHashSet<>()).addAll(leaving);
            if (isTarget(node)) {
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
                    follow(next, leaving, route);
                    route.removeLast();
                }
            }
        }

        // an unknown kind named like a target is taken for one: the guard errs on the side of a leak
        private boolean isTarget(FlowNode node) {
            String kind = node.kind() == null ? "" : node.kind();
            return registry.kind(kind).map(known -> known.role() == NodeRole.TARGET)
                    .orElse(kind.startsWith("target."));
        }
    }
}
