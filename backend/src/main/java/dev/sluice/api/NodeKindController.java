package dev.sluice.api;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.sluice.flow.FlowJson;
import dev.sluice.pipeline.NodeKind;
import dev.sluice.pipeline.NodeRegistry;

/**
 * What flows are made of, for the designer's palette and for tools: the node kinds with their config
 * schemas and examples, and the JSON Schema of the whole flow format (public).
 */
@RestController
class NodeKindController {

    private final String kinds;
    private final String flowSchema;

    NodeKindController(NodeRegistry registry) {
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        for (NodeKind<?> kind : registry.all()) {
            ObjectNode entry = all.addObject();
            entry.put("id", kind.id());
            entry.put("summary", kind.summary());
            entry.put("role", kind.role().name());
            kind.aliases().forEach(entry.putArray("aliases")::add);
            entry.set("configSchema", FlowJson.parse(kind.configSchema()));
            entry.set("example", FlowJson.parse(kind.example()));
        }
        this.kinds = Json.write(Map.of("kinds", all));
        this.flowSchema = FlowSchemaGenerator.generate(registry);
    }

    /** {@code {"kinds": [{"id", "summary", "role", "aliases", "configSchema", "example"}]}}, sources first. */
    @GetMapping("/api/node-kinds")
    ResponseEntity<String> kinds() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(kinds);
    }

    /** The JSON Schema (2020-12) of flow JSON, every node kind's config included. */
    @GetMapping("/api/schemas/flow")
    ResponseEntity<String> flowSchema() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(flowSchema);
    }
}
