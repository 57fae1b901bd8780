package dev.sluice.api;

import java.security.Principal;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.sluice.flowstore.LeakExemptions;

/**
 * The leak guard's report on a stored flow version, {@code GET /api/flows/{id}/leaks?version=}, and a platform
 * admin's exception for it, {@code POST /api/flows/{id}/leak-exception} {@code {"version", "reason"}}.
 */
@RestController
@RequestMapping("/api/flows/{id}")
class FlowLeakController {

    private final LeakExemptions exemptions;

    FlowLeakController(LeakExemptions exemptions) {
        this.exemptions = exemptions;
    }

    @GetMapping("/leaks")
    ResponseEntity<String> leaks(@PathVariable String id, @RequestParam(required = false) String version,
                                 Principal principal) {
        return FlowController.json(exemptions.report(principal.getName(), FlowRequests.flowId(id),
                FlowRequests.version(version, "version")));
    }

    @PostMapping("/leak-exception")
    ResponseEntity<String> except(@PathVariable String id, @RequestBody(required = false) String body,
                                  Principal principal) {
        JsonNode request = Bodies.read(body);
        if (!request.path("version").canConvertToInt()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "$.version", "is required: the version to except");
        }
        JsonNode reason = request.path("reason");
        return FlowController.json(exemptions.grant(principal.getName(), FlowRequests.flowId(id),
                request.get("version").asInt(), reason.isTextual() ? reason.asText() : null));
    }
}
