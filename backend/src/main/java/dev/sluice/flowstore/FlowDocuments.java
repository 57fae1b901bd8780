package dev.sluice.flowstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.flow.Problems;
import dev.sluice.pipeline.FlowValidator;

/**
 * Checks flow documents on their way in, reporting every problem at once: complete validation against the
 * workspace's view of sources, plus what storing adds (a saved flow keeps its name and workspace; the
 * canonical text must fit the column).
 */
@Component
class FlowDocuments {

    private static final int MAX_COMMENT = 1000;
    /** As the flow schema has it for {@code name}. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    private final FlowValidator validator;
    private final FlowAccess access;

    FlowDocuments(FlowValidator validator, FlowAccess access) {
        this.validator = validator;
        this.access = access;
    }

    /** The workspace a document names, or null when it names none (validation then reports that). */
    static String workspaceOf(JsonNode document) {
        return document.path("workspace").isTextual() ? document.get("workspace").asText() : null;
    }

    /** A document for a new flow, checked as {@code workspace} sees sources. */
    Flow check(JsonNode document, String workspace) {
        return validator.check(document, access.context(workspace));
    }

    /** Like {@link #check}, with every problem's path below {@code prefix} ({@code $.flow} in a dry-run request). */
    Flow check(JsonNode document, String workspace, String prefix) {
        try {
            return check(document, workspace);
        } catch (InvalidFlowException e) {
            throw new InvalidFlowException(e.problems().stream()
                    .map(p -> new FlowProblem(prefix + p.path().substring(1), p.message()))
                    .toList());
        }
    }

    /** A new version of {@code stored}: valid, and with the same name and workspace. */
    Flow checkNextVersion(JsonNode document, StoredFlow stored) {
        String workspace = stored.getWorkspace().getName();
        List<FlowProblem> problems = new ArrayList<>();
        Flow flow = null;
        try {
            flow = check(document, workspace);
        } catch (InvalidFlowException e) {
            problems.addAll(e.problems());
        }
        Set<String> reported = Set.copyOf(problems.stream().map(FlowProblem::path).toList());
        JsonNode name = document.path("name");
        if (name.isTextual() && !name.asText().equals(stored.getName()) && !reported.contains("$.name")) {
            problems.add(new FlowProblem("$.name", "must stay '" + stored.getName()
                    + "': a saved flow keeps its name (import a copy under another name instead)"));
        }
        JsonNode named = document.path("workspace");
        if (named.isTextual() && !named.asText().equals(workspace) && !reported.contains("$.workspace")) {
            problems.add(new FlowProblem("$.workspace", "must stay '" + workspace
                    + "': a saved flow stays in its workspace (import a copy into the other one instead)"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidFlowException(problems);
        }
        return flow;
    }

    /** The text stored for a version: canonical flow JSON, as export returns it. */
    static String canonical(Flow flow) {
        List<FlowProblem> infinite = new ArrayList<>();
        findInfinite(FlowJson.toTree(flow), "$", infinite);
        if (!infinite.isEmpty()) {
            throw new InvalidFlowException(infinite);
        }
        String definition = FlowJson.write(flow);
        if (definition.length() > FlowVersion.MAX_DEFINITION_LENGTH) {
            throw new InvalidFlowException("$", "is too large to store: " + definition.length()
                    + " characters as canonical JSON, at most " + FlowVersion.MAX_DEFINITION_LENGTH);
        }
        return definition;
    }

    /** 1e400 parses as infinity, which JSON cannot write back as a number: the export would not re-import. */
    private static void findInfinite(JsonNode node, String path, List<FlowProblem> problems) {
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            problems.add(new FlowProblem(path, "is too large a number"));
        } else if (node.isObject()) {
            node.properties().forEach(field -> findInfinite(field.getValue(), path + Problems.key(field.getKey()), problems));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findInfinite(node.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    static Flow bind(FlowVersion version) {
        return FlowJson.bind(FlowJson.parse(version.getDefinition()));
    }

    /** A flow name: 1 to 100 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit. */
    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidFlowException("$.name", "must be 1 to 100 lower-case letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit");
        }
    }

    /** A stored definition as read today: a flow renamed since it was saved carries its current name. */
    static String named(String definition, String name) {
        JsonNode document = FlowJson.parse(definition);
        if (name.equals(document.path("name").asText())) {
            return definition;
        }
        ((ObjectNode) document).put("name", name);
        return FlowJson.write(FlowJson.bind(document));
    }

    static void checkComment(String comment) {
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw new InvalidFlowException("$", "the comment has " + comment.length() + " characters; at most "
                    + MAX_COMMENT);
        }
    }
}
