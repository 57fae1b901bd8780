package dev.sluice.api;

import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.sluice.connection.ConnectionInfo;
import dev.sluice.connection.ConnectionSpec;
import dev.sluice.connection.HostAllowlist;
import dev.sluice.connection.WorkspaceConnections;
import dev.sluice.target.ConnectionCheck;

/**
 * A workspace's connections ({@code /api/workspaces/{ws}/connections}: list, create, read, replace, delete,
 * {@code …/{name}/check}) and the platform's host allowlist ({@code GET/PUT /api/admin/connection-allowlist}).
 */
@RestController
class ConnectionController {

    private final WorkspaceConnections connections;
    private final HostAllowlist allowlist;

    ConnectionController(WorkspaceConnections connections, HostAllowlist allowlist) {
        this.connections = connections;
        this.allowlist = allowlist;
    }

    @GetMapping("/api/workspaces/{workspace}/connections")
    ResponseEntity<String> list(@PathVariable String workspace, Principal principal) {
        return FlowController.json(Map.of("connections", connections.list(principal.getName(), workspace).stream()
                .map(ConnectionController::json).toList()));
    }

    @PostMapping("/api/workspaces/{workspace}/connections")
    ResponseEntity<String> create(@PathVariable String workspace, @RequestBody(required = false) String body,
                                  Principal principal) {
        ConnectionInfo created = connections.create(principal.getName(), workspace,
                ConnectionSpec.read(object(body), null));
        return ResponseEntity.created(URI.create("/api/workspaces/" + workspace + "/connections/" + created.spec().name()))
                .contentType(MediaType.APPLICATION_JSON).body(Bodies.write(json(created)));
    }

    @GetMapping("/api/workspaces/{workspace}/connections/{name}")
    ResponseEntity<String> read(@PathVariable String workspace, @PathVariable String name, Principal principal) {
        return FlowController.json(json(connections.get(principal.getName(), workspace, name)));
    }

    @PutMapping("/api/workspaces/{workspace}/connections/{name}")
    ResponseEntity<String> replace(@PathVariable String workspace, @PathVariable String name,
                                   @RequestBody(required = false) String body, Principal principal) {
        return FlowController.json(json(connections.replace(principal.getName(), workspace, name,
                ConnectionSpec.read(object(body), name))));
    }

    @DeleteMapping("/api/workspaces/{workspace}/connections/{name}")
    ResponseEntity<Void> delete(@PathVariable String workspace, @PathVariable String name, Principal principal) {
        connections.delete(principal.getName(), workspace, name);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/workspaces/{workspace}/connections/{name}/check")
    ResponseEntity<String> check(@PathVariable String workspace, @PathVariable String name, Principal principal) {
        ConnectionCheck result = connections.test(principal.getName(), workspace, name);
        return FlowController.json(Map.of("reachable", result.reachable(), "message", result.message()));
    }

    @GetMapping("/api/admin/connection-allowlist")
    ResponseEntity<String> allowlist(Principal principal) {
        return FlowController.json(allowlist.read(principal.getName()));
    }

    /** {@code {"entries": [{"entry", "note"}], "onlyListed"}}: replaces the admin-kept entries. */
    @PutMapping("/api/admin/connection-allowlist")
    ResponseEntity<String> replaceAllowlist(@RequestBody(required = false) String body, Principal principal) {
        JsonNode request = object(body);
        Map<String, String> entries = new LinkedHashMap<>();
        JsonNode listed = request.path("entries");
        if (!listed.isMissingNode() && !listed.isArray()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "$.entries", "must be a list of {\"entry\", \"note\"}");
        }
        for (int i = 0; i < listed.size(); i++) {
            JsonNode entry = listed.get(i);
            if (!entry.path("entry").isTextual()) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "$.entries[" + i + "].entry",
                        "is required: a host, *.domain, address or CIDR block, optionally with :port");
            }
            entries.put(entry.path("entry").asText().strip(), entry.path("note").isTextual()
                    ? entry.path("note").asText() : null);
        }
        return FlowController.json(allowlist.replace(principal.getName(), entries,
                request.path("onlyListed").asBoolean(false)));
    }

    private static JsonNode object(String body) {
        JsonNode request = Bodies.read(body);
        if (!request.isObject()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "$", "must be a JSON object");
        }
        return request;
    }

    private static ObjectNode json(ConnectionInfo info) {
        ObjectNode json = info.spec().json();
        json.put("workspace", info.workspace());
        json.put("createdAt", info.createdAt().toString());
        json.put("createdBy", info.createdBy());
        json.put("updatedAt", info.updatedAt().toString());
        json.put("updatedBy", info.updatedBy());
        return json;
    }
}
