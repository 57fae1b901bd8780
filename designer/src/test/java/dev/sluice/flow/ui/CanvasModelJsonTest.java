package dev.sluice.flow.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowProblem;
import dev.sluice.pipeline.NodeRegistry;

/** The JSON the canvas reads has the shape of {@link CanvasModel}'s records. */
class CanvasModelJsonTest {

    private static final String FLOW = """
            {"nodes": [{"id": "in", "kind": "source", "config": {}}, {"id": "out", "kind": "target.log", "config": {"label": "ledger"}}],
             "edges": [{"from": "in", "to": "out"}], "layout": {"out": {"x": 300, "y": 90}}}""";

    @Test
    void sendsNodesWithTheirPositionsOrTheDefaultColumnAndTheirSummaries() {
        JsonNode model = FlowJson.parse(
                new FlowDraft(NodeRegistry.builtIn(), FLOW).canvasModel(3, Map.of(), Locale.ENGLISH));

        assertThat(model.path("revision").asInt()).isEqualTo(3);
        assertThat(model.path("nodes").toString()).isEqualTo(
                "[{\"id\":\"in\",\"kind\":\"source\",\"x\":40.0,\"y\":80.0,\"summary\":\"\"},"
                        + "{\"id\":\"out\",\"kind\":\"target.log\",\"x\":300.0,\"y\":90.0,\"summary\":\"ledger\"}]");
        assertThat(model.path("edges").toString()).isEqualTo("[{\"from\":\"in\",\"to\":\"out\"}]");
    }

    @Test
    void paletteKindsCarryWhatTheirSpecSays() {
        JsonNode model = FlowJson.parse(
                new FlowDraft(NodeRegistry.builtIn(), "{}").canvasModel(1, Map.of("undo", "Undo"), Locale.ENGLISH));

        JsonNode source = model.path("kinds").path(0);
        assertThat(source.path("id").asText()).isEqualTo("source");
        assertThat(source.path("role").asText()).isEqualTo("SOURCE");
        assertThat(source.path("category").asText()).isEqualTo("SOURCE");
        assertThat(source.has("icon")).isTrue();
        assertThat(source.has("title")).isTrue();
        assertThat(source.has("summary")).isTrue();
        assertThat(model.path("labels").path("undo").asText()).isEqualTo("Undo");
    }

    @Test
    void paletteTitlesAndSummariesAreInTheUsersLanguage() {
        JsonNode chinese = FlowJson.parse(
                new FlowDraft(NodeRegistry.builtIn(), "{}").canvasModel(1, Map.of(), Locale.SIMPLIFIED_CHINESE));
        JsonNode english = FlowJson.parse(
                new FlowDraft(NodeRegistry.builtIn(), "{}").canvasModel(1, Map.of(), Locale.ENGLISH));

        assertThat(chinese.path("kinds").findValuesAsText("title")).contains("脱敏", "数据库表");
        assertThat(english.path("kinds").findValuesAsText("title")).contains("Mask", "Database table");
    }

    @Test
    void marksListNodesAndEdgesInOrder() {
        String marks = new FlowDraft(NodeRegistry.builtIn(), FLOW).invalidMarks(
                List.of(new FlowProblem("$.edges[0].to", "bad edge")));

        assertThat(marks).isEqualTo("{\"nodes\":[],\"edges\":[\"in->out\"]}");
    }
}
