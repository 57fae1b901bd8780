package dev.sluice.api;

import java.net.URI;
import java.security.Principal;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.sluice.flow.FlowJson;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.flowstore.FlowRef;
import dev.sluice.flowstore.FlowStore;
import dev.sluice.flowstore.StoredFlowVersion;
import dev.sluice.json.Json;

/**
 * Stored flows: import, list, read, export, save a new version, rename, history, diff, delete. Every check of who
 * may do what is in {@link FlowStore}; this class only speaks HTTP. Running flows is in {@link FlowRunController}.
 */
@RestController
@RequestMapping("/api/flows")
class FlowController {

    private final FlowStore store;

    FlowController(FlowStore store) {
        this.store = store;
    }

    /** Flow JSON in; 201 with the new flow's id and version 1. */
    @PostMapping("/import")
    ResponseEntity<String> importFlow(@RequestBody(required = false) String body,
                                      @RequestParam(required = false) String comment, Principal principal) {
        FlowRef saved = store.importFlow(principal.getName(), body == null ? "" : body, comment);
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/flows/{id}")
                .buildAndExpand(saved.id()).toUri();
        return ResponseEntity.created(location).eTag(FlowRequests.etag(saved.version()))
                .contentType(MediaType.APPLICATION_JSON).body(Bodies.write(saved));
    }

    @GetMapping
    ResponseEntity<String> list(@RequestParam(required = false) String workspace, Principal principal) {
        return json(Map.of("flows", store.list(principal.getName(), workspace)));
    }

    /** The flow's metadata, one version's number, author and comment, and its document under {@code flow}. */
    @GetMapping("/{id}")
    ResponseEntity<String> get(@PathVariable String id, @RequestParam(required = false) String version,
                               Principal principal) {
        StoredFlowVersion found = store.get(principal.getName(), FlowRequests.flowId(id),
                FlowRequests.version(version, "version"));
        ObjectNode body = Json.MAPPER.valueToTree(found.flow());
        body.put("version", found.version().version());
        body.put("savedBy", found.version().author());
        body.put("savedAt", found.version().createdAt().toString());
        if (found.version().comment() != null) {
            body.put("comment", found.version().comment());
        }
        body.set("flow", FlowJson.parse(found.definition()));
        return ResponseEntity.ok().eTag(FlowRequests.etag(found.version().version()))
                .contentType(MediaType.APPLICATION_JSON).body(Bodies.write(body));
    }

    /** The canonical flow JSON, as a file download. */
    @GetMapping("/{id}/export")
    ResponseEntity<String> export(@PathVariable String id, @RequestParam(required = false) String version,
                                  Principal principal) {
        StoredFlowVersion found = store.exportVersion(principal.getName(), FlowRequests.flowId(id),
                FlowRequests.version(version, "version"));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(found.flow().name() + ".flow.json").build().toString())
                .eTag(FlowRequests.etag(found.version().version()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(found.definition());
    }

    /** Saves a new version; {@code If-Match} names the version the caller edited (409 if another came since). */
    @PutMapping("/{id}")
    ResponseEntity<String> save(@PathVariable String id,
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                @RequestParam(required = false) String comment,
                                @RequestBody(required = false) String body, Principal principal) {
        long flowId = FlowRequests.flowId(id);
        FlowRef saved = store.save(principal.getName(), flowId, FlowRequests.ifMatch(ifMatch),
                body == null ? "" : body, comment);
        return ResponseEntity.ok().eTag(FlowRequests.etag(saved.version()))
                .contentType(MediaType.APPLICATION_JSON).body(Bodies.write(saved));
    }

    /** Changes the flow's metadata: {@code {"name": "new-name"}} renames it (audited); id and versions stay. */
    @PatchMapping("/{id}")
    ResponseEntity<String> patch(@PathVariable String id, @RequestBody(required = false) String body,
                                 Principal principal) {
        long flowId = FlowRequests.flowId(id);
        JsonNode changes = Bodies.read(body);
        if (!changes.path("name").isTextual()) {
            throw new InvalidFlowException("$.name", "is required: the flow's new name");
        }
        return json(store.rename(principal.getName(), flowId, changes.get("name").asText()));
    }

    @GetMapping("/{id}/versions")
    ResponseEntity<String> versions(@PathVariable String id, Principal principal) {
        return json(Map.of("versions", store.versions(principal.getName(), FlowRequests.flowId(id))));
    }

    /** Structural diff; {@code to} defaults to the latest version, {@code from} to the one before {@code to}. */
    @GetMapping("/{id}/diff")
    ResponseEntity<String> diff(@PathVariable String id, @RequestParam(required = false) String from,
                                @RequestParam(required = false) String to, Principal principal) {
        return json(store.diff(principal.getName(), FlowRequests.flowId(id), FlowRequests.version(from, "from"),
                FlowRequests.version(to, "to")));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, Principal principal) {
        store.delete(principal.getName(), FlowRequests.flowId(id));
        return ResponseEntity.noContent().build();
    }

    static ResponseEntity<String> json(Object body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Bodies.write(body));
    }
}
