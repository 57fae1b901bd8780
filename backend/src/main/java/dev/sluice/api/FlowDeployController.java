package dev.sluice.api;

import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.sluice.engine.Engine;
import dev.sluice.engine.KeyOrder;
import dev.sluice.engine.StartFrom;
import dev.sluice.flowstore.FlowDeadLetters;
import dev.sluice.flowstore.FlowDeployments;
import dev.sluice.flowstore.FlowSummary;
import dev.sluice.privacy.PrivacyAlerts;

/** Running flows for real: deploy, undeploy, pause, resume, status, dead letters and their replay. */
@RestController
@RequestMapping("/api/flows/{id}")
class FlowDeployController {

    private final FlowDeployments deployments;
    private final ObjectProvider<Engine> engine;
    private final FlowDeadLetters deadLetters;
    private final PrivacyAlerts privacyAlerts;

    FlowDeployController(FlowDeployments deployments, ObjectProvider<Engine> engine, FlowDeadLetters deadLetters,
                         PrivacyAlerts privacyAlerts) {
        this.privacyAlerts = privacyAlerts;
        this.deployments = deployments;
        this.engine = engine;
        this.deadLetters = deadLetters;
    }

    /**
     * {@code {"version": n, "ordered": true}} (latest version when absent; unordered by default), or
     * {@code {"orderedBy": "$.subject", "partitions": 4}}, with {@code "region": "cn-north"} to run it outside its
     * source's home region; runs the stored tests first and refuses (409) when one fails, or when the region cannot
     * reach the source's home region. An ordered flow has one active consumer across all instances; a flow ordered by key keeps each key's
     * events in order over that many partitions, each with one active consumer.
     */
    @PostMapping("/deploy")
    ResponseEntity<String> deploy(@PathVariable String id, @RequestBody(required = false) String body,
                                  Principal principal) {
        JsonNode request = body == null || body.isBlank() ? Bodies.read("{}") : Bodies.read(body);
        JsonNode version = request.path("version");
        if (!version.isMissingNode() && !version.isNull() && !version.canConvertToInt()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "$.version", "must be a version number");
        }
        JsonNode ordered = request.path("ordered");
        if (!ordered.isMissingNode() && !ordered.isNull() && !ordered.isBoolean()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "$.ordered", "must be true or false");
        }
        KeyOrder keyOrder = keyOrder(request);
        StartFrom from = startFrom(request.path("from"));
        if (keyOrder != null && ordered.asBoolean(false)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "$.ordered", "a flow is ordered as a whole or by key "
                    + "(orderedBy), not both");
        }
        JsonNode region = request.path("region");
        if (!region.isMissingNode() && !region.isNull() && (!region.isTextual() || region.asText().isBlank())) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "$.region", "must be the name of a region, such as "
                    + "\"cn-north\", or absent for the source's home region");
        }
        var report = deployments.deploy(principal.getName(), FlowRequests.flowId(id),
                version.isMissingNode() || version.isNull() ? null : version.asInt(), ordered.asBoolean(false),
                keyOrder, from, region.isTextual() ? region.asText().strip() : null);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", report.id());
        answer.put("version", report.version());
        answer.put("ordered", ordered.asBoolean(false));
        if (keyOrder != null) {
            answer.put("orderedBy", keyOrder.key());
            answer.put("partitions", keyOrder.partitions());
        }
        answer.put("from", from.toString());
        answer.put("region", deployments.options(report.id()).region());
        answer.put("tests", report);
        return FlowController.json(answer);
    }

    private static StartFrom startFrom(JsonNode from) {
        if (from.isMissingNode() || from.isNull()) {
            return StartFrom.NOW;
        }
        try {
            return StartFrom.parse(from.isTextual() ? from.asText() : from.toString());
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "$.from", "must be \"now\" (live events from now on), "
                    + "\"snapshot\" (the latest event of every key first, then live events) or a date-time with its "
                    + "offset such as \"2026-12-01T00:00:00Z\" (every event since then first)");
        }
    }

    /** {@code orderedBy} and {@code partitions} of a deploy request, or null when it orders by no key. */
    private static KeyOrder keyOrder(JsonNode request) {
        JsonNode orderedBy = request.path("orderedBy");
        JsonNode partitions = request.path("partitions");
        if (orderedBy.isMissingNode() || orderedBy.isNull()) {
            if (!partitions.isMissingNode() && !partitions.isNull()) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "$.partitions", "partitions need orderedBy: the "
                        + "key whose events keep their order");
            }
            return null;
        }
        if (!orderedBy.isTextual() || orderedBy.asText().isBlank()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "$.orderedBy", "must be the JSONPath of the key, such as "
                    + "$.subject");
        }
        int count = KeyOrder.DEFAULT_PARTITIONS;
        if (!partitions.isMissingNode() && !partitions.isNull()) {
            if (!partitions.canConvertToInt() || !partitions.isIntegralNumber() || partitions.asInt() < 1
                    || partitions.asInt() > KeyOrder.MAX_PARTITIONS) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "$.partitions", "must be a whole number from 1 to "
                        + KeyOrder.MAX_PARTITIONS);
            }
            count = partitions.asInt();
        }
        return new KeyOrder(orderedBy.asText().strip(), count);
    }

    /**
     * Runs the deployed flow again from its source's snapshot (the latest event of every key, deletes included)
     * into its targets; its live events wait meanwhile. Status says {@code "bootstrapping": true} until it is through.
     */
    @PostMapping("/resync")
    ResponseEntity<String> resync(@PathVariable String id, Principal principal) {
        deployments.resync(principal.getName(), FlowRequests.flowId(id));
        return status(id, principal);
    }

    /** {@code {"deleteQueue": true}} also drops the events waiting for the flow; by default they are kept. */
    @PostMapping("/undeploy")
    ResponseEntity<String> undeploy(@PathVariable String id, @RequestBody(required = false) String body,
                                    Principal principal) {
        boolean deleteQueue = body != null && !body.isBlank() && Bodies.read(body).path("deleteQueue").asBoolean(false);
        deployments.undeploy(principal.getName(), FlowRequests.flowId(id), deleteQueue);
        return FlowController.json(Map.of("id", FlowRequests.flowId(id), "state", "DRAFT", "queueDeleted", deleteQueue));
    }

    @PostMapping("/pause")
    ResponseEntity<String> pause(@PathVariable String id, Principal principal) {
        deployments.pause(principal.getName(), FlowRequests.flowId(id));
        return status(id, principal);
    }

    @PostMapping("/resume")
    ResponseEntity<String> resume(@PathVariable String id, Principal principal) {
        deployments.resume(principal.getName(), FlowRequests.flowId(id));
        return status(id, principal);
    }

    /**
     * The flow's state, deployed version, events waiting, and this instance's counters (in, out, filtered,
     * failed, retried, dead-lettered) and latency.
     */
    @GetMapping("/status")
    ResponseEntity<String> status(@PathVariable String id, Principal principal) {
        long flowId = FlowRequests.flowId(id);
        FlowSummary flow = deployments.summary(principal.getName(), flowId);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("id", flowId);
        status.put("state", flow.state());
        status.put("deployedVersion", flow.deployedVersion());
        status.put("latestVersion", flow.latestVersion());
        var options = deployments.options(flowId);
        status.put("ordered", options.ordered());
        status.put("region", options.region());
        status.put("bootstrapping", deployments.bootstrapping(flowId));
        if (options.keyOrder() != null) {
            status.put("orderedBy", options.keyOrder().key());
            status.put("partitions", options.keyOrder().partitions());
        }
        if (options.pausedReason() != null) {
            status.put("pausedReason", options.pausedReason());
        }
        long alerts = privacyAlerts.count(flowId);
        if (alerts > 0) {
            status.put("privacyAlerts", Map.of("count", alerts, "recent", privacyAlerts.recent(flowId, 10)));
        }
        Engine running = engine.getIfAvailable();
        if (running != null) {
            status.put("queueDepth", running.queueDepth(flowId));
            running.status(flowId).ifPresent(s -> status.put("instance", s));
        }
        return FlowController.json(status);
    }

    @GetMapping("/dead-letters")
    ResponseEntity<String> deadLetters(@PathVariable String id, @RequestParam(defaultValue = "50") int limit,
                                       Principal principal) throws IOException {
        requireEngine();
        return FlowController.json(Map.of("deadLetters", deadLetters.list(principal.getName(),
                FlowRequests.flowId(id), Math.max(1, Math.min(limit, 500)))));
    }

    /** {@code {"ids": [...]}} replays those; an absent or empty list replays all. */
    @PostMapping("/dead-letters/replay")
    ResponseEntity<String> replay(@PathVariable String id, @RequestBody(required = false) String body,
                                  Principal principal) throws IOException {
        requireEngine();
        List<String> ids = new ArrayList<>();
        if (body != null && !body.isBlank()) {
            Bodies.read(body).path("ids").forEach(value -> ids.add(value.asText()));
        }
        return FlowController.json(Map.of("replayed", deadLetters.replay(principal.getName(),
                FlowRequests.flowId(id), ids)));
    }

    private void requireEngine() {
        if (!deadLetters.available()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "$",
                    "dead letters are handled by engine instances; this one runs the designer only");
        }
    }
}
