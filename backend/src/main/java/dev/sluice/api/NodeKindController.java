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
import dev.sluice.pipeline.FlowSchema;
import dev.sluice.pipeline.NodeKind;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.NodeSpec;

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
            NodeSpec<?> spec = kind.spec();
            ObjectNode entry = all.addObject();
            entry.put("id", spec.id());
            entry.put("title", spec.title());
            entry.put("summary", spec.summary());
            entry.put("role", spec.role().name());
            entry.put("category", spec.category().name());
            entry.put("icon", spec.icon());
            spec.aliases().forEach(entry.putArray("aliases")::add);
            entry.set("configSchema", FlowJson.parse(spec.configSchema()));
            entry.set("example", FlowJson.parse(spec.example()));
        }
        this.kinds = Bodies.write(Map.of("kinds", all));
        this.flowSchema = FlowSchema.generate(registry);
    }

    /**
     * {@code {"kinds": [{"id", "title", "summary", "role", "category", "icon", "aliases", "configSchema", "example"}]}},
     * sources first.
     */
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
