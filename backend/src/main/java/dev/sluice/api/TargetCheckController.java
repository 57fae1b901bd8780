package dev.sluice.api;

import java.security.Principal;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.sluice.flowstore.TargetChecks;

/**
 * "Test connection" for a target node as edited: {@code POST /api/flows/{id}/target-check}
 * {@code {"kind", "config"}} answers {@code {"reachable", "message"}}; nothing is sent to the target.
 */
@RestController
class TargetCheckController {

    private final TargetChecks checks;

    TargetCheckController(TargetChecks checks) {
        this.checks = checks;
    }

    @PostMapping("/api/flows/{id}/target-check")
    ResponseEntity<String> check(@PathVariable String id, @RequestBody(required = false) String body,
                                 Principal principal) {
        JsonNode request = Bodies.read(body);
        if (!request.path("kind").isTextual()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "$.kind", "is required: the target node's kind");
        }
        if (!request.path("config").isObject()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "$.config", "is required: the target node's config");
        }
        return FlowController.json(checks.check(principal.getName(), FlowRequests.flowId(id),
                request.get("kind").asText(), request.get("config")));
    }
}
