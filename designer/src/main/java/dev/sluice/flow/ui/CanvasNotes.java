package dev.sluice.flow.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.sluice.flow.FlowProblem;
import dev.sluice.privacy.Leak;
import dev.sluice.privacy.LeakFinding;

/** The notes the canvas shows on each node of a draft: its summary and its problem and leak badges. */
final class CanvasNotes {

    private CanvasNotes() {
    }

    /**
     * A problem is noted on the node it is in (its path from the node on: {@code config.pattern is required}), a
     * leak on the target the personal data reaches ({@code bank-account $.data.payment.bankAccount → $.data.payment.bankAccount (clear)}).
     */
    static CanvasModel.NodeNotes of(FlowDraft draft, List<FlowProblem> problems, List<LeakFinding> leaks,
                                    Locale locale) {
        Map<String, List<String>> problemsByNode = new LinkedHashMap<>();
        for (FlowProblem problem : problems) {
            Optional<String> node = draft.nodeOf(problem);
            node.ifPresent(id -> problemsByNode.computeIfAbsent(id, n -> new ArrayList<>())
                    .add((withinNode(problem.path()) + " " + problem.message()).strip()));
        }
        Map<String, List<String>> leaksByNode = new LinkedHashMap<>();
        for (LeakFinding finding : leaks) {
            Leak leak = finding.leak();
            leaksByNode.computeIfAbsent(leak.target(), n -> new ArrayList<>()).add(leak.tag() + " "
                    + leak.sourcePath() + " → " + leak.targetPath() + " (" + leak.form() + ")");
        }
        return new CanvasModel.NodeNotes(draft.summaries(locale), problemsByNode, leaksByNode);
    }

    /** {@code $.nodes[3].config.pattern} is {@code config.pattern}; an edge's path stays as it is. */
    private static String withinNode(String path) {
        return path.replaceFirst("^\\$\\.nodes\\[\\d+]\\.?", "");
    }
}
