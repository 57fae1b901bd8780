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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.sluice.workspace.GroupRoleRules;
import dev.sluice.workspace.GroupRule;
import dev.sluice.workspace.PlatformRole;
import dev.sluice.workspace.Refusal;
import dev.sluice.workspace.WorkspaceRole;

/**
 * Group rules, for platform admins: {@code GET /api/group-rules}, {@code POST /api/group-rules} with
 * {@code {"group": "sluice-finance-stewards", "workspace": "finance", "role": "steward"}} or
 * {@code {"group": "sluice-admins", "platformRole": "admin"}}, {@code DELETE /api/group-rules/{id}}.
 */
@RestController
class GroupRuleController {

    private final GroupRoleRules rules;

    GroupRuleController(GroupRoleRules rules) {
        this.rules = rules;
    }

    @GetMapping("/api/group-rules")
    ResponseEntity<String> rules(Principal principal) {
        return FlowController.json(Map.of("rules", rules.rules(principal.getName()).stream()
                .map(GroupRuleController::rule).toList()));
    }

    @PostMapping("/api/group-rules")
    ResponseEntity<String> add(@RequestBody(required = false) String body, Principal principal) {
        JsonNode request = Bodies.read(body);
        String group = WorkspaceAdminController.text(request, "group");
        PlatformRole platformRole = WorkspaceAdminController.role(request, "platformRole", PlatformRole.class,
                "platformRole is admin or auditor");
        GroupRule added;
        if (platformRole != null) {
            if (request.has("workspace") || request.has("role")) {
                throw Refusal.invalid("a rule gives a platform role or a workspace role, not both");
            }
            added = rules.grantPlatformRole(principal.getName(), group, platformRole);
        } else {
            WorkspaceRole role = WorkspaceAdminController.role(request, "role", WorkspaceRole.class,
                    "role is owner, steward or viewer");
            if (role == null) {
                throw Refusal.invalid("give a workspace and a role (owner, steward, viewer), or a platformRole");
            }
            added = rules.grantWorkspaceRole(principal.getName(), group,
                    WorkspaceAdminController.text(request, "workspace"), role);
        }
        return ResponseEntity.created(URI.create("/api/group-rules/" + added.id()))
                .contentType(MediaType.APPLICATION_JSON).body(Bodies.write(rule(added)));
    }

    @DeleteMapping("/api/group-rules/{id}")
    ResponseEntity<Void> remove(@PathVariable long id, Principal principal) {
        rules.remove(principal.getName(), id);
        return ResponseEntity.noContent().build();
    }

    private static Map<String, Object> rule(GroupRule rule) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", rule.id());
        out.put("group", rule.group());
        out.put("workspace", rule.workspace());
        out.put("role", rule.workspaceRole());
        out.put("platformRole", rule.platformRole());
        out.put("grants", rule.grants());
        out.put("createdBy", rule.createdBy());
        out.put("createdAt", rule.createdAt().toString());
        return out;
    }
}
