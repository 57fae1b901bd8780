package dev.sluice.api;

import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.sluice.secret.SecretInfo;
import dev.sluice.secret.SecretVault;

/**
 * A workspace's secrets: list names, create {@code {"name", "value"}}, replace {@code {"value"}}, delete. No
 * call returns a value.
 */
@RestController
@RequestMapping("/api/workspaces/{workspace}/secrets")
class SecretController {

    private final SecretVault vault;

    SecretController(SecretVault vault) {
        this.vault = vault;
    }

    @GetMapping
    ResponseEntity<String> list(@PathVariable String workspace, Principal principal) {
        return FlowController.json(Map.of("secrets", vault.list(principal.getName(), workspace).stream()
                .map(SecretController::info).toList()));
    }

    @PostMapping
    ResponseEntity<String> create(@PathVariable String workspace, @RequestBody(required = false) String body,
                                  Principal principal) {
        JsonNode request = Bodies.read(body);
        SecretInfo created = vault.create(principal.getName(), workspace, text(request, "name"),
                text(request, "value"));
        return ResponseEntity.created(URI.create("/api/workspaces/" + workspace + "/secrets/" + created.name()))
                .contentType(MediaType.APPLICATION_JSON).body(Bodies.write(info(created)));
    }

    @PutMapping("/{name}")
    ResponseEntity<String> replace(@PathVariable String workspace, @PathVariable String name,
                                   @RequestBody(required = false) String body, Principal principal) {
        return FlowController.json(info(vault.replace(principal.getName(), workspace, name,
                text(Bodies.read(body), "value"))));
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String workspace, @PathVariable String name, Principal principal) {
        vault.delete(principal.getName(), workspace, name);
        return ResponseEntity.noContent().build();
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    static Map<String, Object> info(SecretInfo secret) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", secret.name());
        info.put("createdAt", secret.createdAt().toString());
        info.put("createdBy", secret.createdBy());
        info.put("updatedAt", secret.updatedAt().toString());
        info.put("updatedBy", secret.updatedBy());
        return info;
    }
}
