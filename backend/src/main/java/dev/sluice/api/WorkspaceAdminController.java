package dev.sluice.api;

import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Locale;
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
import org.springframework.web.bind.annotation.RestController;

import dev.sluice.workspace.PlatformRole;
import dev.sluice.workspace.Refusal;
import dev.sluice.workspace.UserSummary;
import dev.sluice.workspace.Workspace;
import dev.sluice.workspace.WorkspaceManagement;
import dev.sluice.workspace.WorkspaceRole;

/**
 * Workspaces, users and members: {@code GET/POST /api/workspaces}, {@code GET/POST /api/users},
 * {@code GET /api/workspaces/{ws}/members}, {@code PUT/DELETE /api/workspaces/{ws}/members/{user}}
 * ({@code {"role": "owner|steward|viewer"}}). Who may do what is decided by {@link WorkspaceManagement}.
 */
@RestController
class WorkspaceAdminController {

    private final WorkspaceManagement management;

    WorkspaceAdminController(WorkspaceManagement management) {
        this.management = management;
    }

    @GetMapping("/api/workspaces")
    ResponseEntity<String> workspaces(Principal principal) {
        return FlowController.json(Map.of("workspaces", management.workspaces(principal.getName())));
    }

    @PostMapping("/api/workspaces")
    ResponseEntity<String> createWorkspace(@RequestBody(required = false) String body, Principal principal) {
        JsonNode request = Bodies.read(body);
        Workspace created = management.createWorkspace(principal.getName(), text(request, "name"),
                text(request, "displayName"), text(request, "description"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", created.getName());
        out.put("displayName", created.getDisplayName());
        out.put("description", created.getDescription());
        return ResponseEntity.created(URI.create("/api/workspaces/" + created.getName()))
                .contentType(MediaType.APPLICATION_JSON).body(Bodies.write(out));
    }

    @GetMapping("/api/users")
    ResponseEntity<String> users(Principal principal) {
        return FlowController.json(Map.of("users", management.users(principal.getName()).stream()
                .map(WorkspaceAdminController::user).toList()));
    }

    @PostMapping("/api/users")
    ResponseEntity<String> createUser(@RequestBody(required = false) String body, Principal principal) {
        JsonNode request = Bodies.read(body);
        PlatformRole platformRole = role(request, "platformRole", PlatformRole.class,
                "platformRole is admin, auditor or absent");
        UserSummary created = management.createUser(principal.getName(), text(request, "username"),
                text(request, "displayName"), text(request, "password"), platformRole);
        return ResponseEntity.created(URI.create("/api/users/" + created.username()))
                .contentType(MediaType.APPLICATION_JSON).body(Bodies.write(user(created)));
    }

    @GetMapping("/api/workspaces/{workspace}/members")
    ResponseEntity<String> members(@PathVariable String workspace, Principal principal) {
        return FlowController.json(Map.of("members", management.members(principal.getName(), workspace)));
    }

    @PutMapping("/api/workspaces/{workspace}/members/{username}")
    ResponseEntity<String> setMember(@PathVariable String workspace, @PathVariable String username,
                                     @RequestBody(required = false) String body, Principal principal) {
        WorkspaceRole parsed = role(Bodies.read(body), "role", WorkspaceRole.class, "role is owner, steward or viewer");
        management.setMember(principal.getName(), workspace, username, parsed);
        return members(workspace, principal);
    }

    @DeleteMapping("/api/workspaces/{workspace}/members/{username}")
    ResponseEntity<Void> removeMember(@PathVariable String workspace, @PathVariable String username,
                                      Principal principal) {
        management.removeMember(principal.getName(), workspace, username);
        return ResponseEntity.noContent().build();
    }

    private static Map<String, Object> user(UserSummary user) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("username", user.username());
        out.put("displayName", user.displayName());
        out.put("platformRole", user.platformRole());
        out.put("enabled", user.enabled());
        out.put("origin", user.origin());
        return out;
    }

    /** A role named in {@code field}, in any case; null when absent; refused with {@code refusal} when unknown. */
    static <R extends Enum<R>> R role(JsonNode request, String field, Class<R> roles, String refusal) {
        String role = text(request, field);
        try {
            return role == null ? null : Enum.valueOf(roles, role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid(refusal);
        }
    }

    static String text(JsonNode request, String field) {
        JsonNode value = request.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
