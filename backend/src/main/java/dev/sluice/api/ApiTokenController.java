package dev.sluice.api;

import java.net.URI;
import java.security.Principal;
import java.time.Duration;
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

import dev.sluice.signin.ApiTokenAuthentication;
import dev.sluice.signin.ApiTokenSummary;
import dev.sluice.signin.ApiTokens;
import dev.sluice.workspace.Refusal;

/**
 * Personal API tokens: {@code GET/POST /api/me/tokens} ({@code {"name": "nightly export", "days": 90}}; the answer
 * carries the token's secret, the only time it is shown), {@code DELETE /api/me/tokens/{id}} revokes one; platform
 * admins list everyone's with {@code GET /api/tokens} and revoke any with {@code DELETE /api/tokens/{id}}.
 */
@RestController
class ApiTokenController {

    private final ApiTokens tokens;

    ApiTokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/api/me/tokens")
    ResponseEntity<String> mine(Principal principal) {
        return FlowController.json(Map.of("tokens", tokens.mine(principal.getName()).stream()
                .map(ApiTokenController::token).toList()));
    }

    @PostMapping("/api/me/tokens")
    ResponseEntity<String> create(@RequestBody(required = false) String body, Principal principal) {
        if (principal instanceof ApiTokenAuthentication) {
            throw Refusal.forbidden("API tokens are created signed in with a password or the identity provider, "
                    + "not with another token");
        }
        JsonNode request = Bodies.read(body);
        JsonNode days = request.path("days");
        if (!days.isMissingNode() && !days.isNull() && !days.canConvertToInt()) {
            throw Refusal.invalid("days is a whole number from 1 to 366");
        }
        ApiTokens.CreatedToken created = tokens.create(principal.getName(),
                WorkspaceAdminController.text(request, "name"),
                days.isMissingNode() || days.isNull() ? null : Duration.ofDays(days.asInt()));
        Map<String, Object> out = token(created.token());
        out.put("secret", created.secret());
        return ResponseEntity.created(URI.create("/api/me/tokens/" + created.token().id()))
                .contentType(MediaType.APPLICATION_JSON).body(Bodies.write(out));
    }

    @DeleteMapping({"/api/me/tokens/{id}", "/api/tokens/{id}"})
    ResponseEntity<String> revoke(@PathVariable long id, Principal principal) {
        return FlowController.json(token(tokens.revoke(principal.getName(), id)));
    }

    @GetMapping("/api/tokens")
    ResponseEntity<String> all(Principal principal) {
        return FlowController.json(Map.of("tokens", tokens.all(principal.getName()).stream()
                .map(ApiTokenController::token).toList()));
    }

    private static Map<String, Object> token(ApiTokenSummary token) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", token.id());
        out.put("username", token.username());
        out.put("name", token.name());
        out.put("hint", token.hint() + "…");
        out.put("createdAt", token.createdAt().toString());
        out.put("expiresAt", token.expiresAt() == null ? null : token.expiresAt().toString());
        out.put("lastUsedAt", token.lastUsedAt() == null ? null : token.lastUsedAt().toString());
        out.put("revokedAt", token.revokedAt() == null ? null : token.revokedAt().toString());
        out.put("revokedBy", token.revokedBy());
        return out;
    }
}
