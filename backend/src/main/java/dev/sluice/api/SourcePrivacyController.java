package dev.sluice.api;

import java.io.IOException;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.sluice.privacy.Clearance;
import dev.sluice.privacy.RecentSourceEvents;
import dev.sluice.privacy.SourcePrivacy;
import dev.sluice.source.EventSource;
import dev.sluice.source.SourceStewardship;

/**
 * What a source's events look like and which of their fields are personal data:
 * {@code GET /api/sources/{name}} (schema, samples masked for the caller, tags, clearances),
 * {@code PUT /api/sources/{name}/schema} {@code {"dataSchema", "samples"}},
 * {@code PUT /api/sources/{name}/tags} {@code {"fields": {"$.data.phone": "phone"}}},
 * {@code GET /api/sources/{name}/tag-suggestions},
 * {@code GET /api/sources/{name}/recent-events} (the latest events published to it, newest first, masked as its
 * samples are), and
 * {@code PUT /api/sources/{name}/clearances/{workspace}} {@code {"tags": {"phone": "masked"}}}.
 */
@RestController
@RequestMapping("/api/sources/{name}")
class SourcePrivacyController {

    private final SourceStewardship catalog;
    private final SourcePrivacy privacy;
    private final RecentSourceEvents recent;

    SourcePrivacyController(SourceStewardship catalog, SourcePrivacy privacy, RecentSourceEvents recent) {
        this.catalog = catalog;
        this.privacy = privacy;
        this.recent = recent;
    }

    @GetMapping
    ResponseEntity<String> read(@PathVariable String name, Principal principal) {
        String actor = principal.getName();
        EventSource source = catalog.visible(actor, name);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", source.getName());
        out.put("description", source.getDescription());
        out.put("owner", source.getOwner().getName());
        out.put("eventTypes", source.getEventTypes());
        out.put("dataSchema", source.getDataSchema().orElse(null));
        out.put("samples", privacy.samples(actor, name));
        out.put("tags", privacy.tags(actor, name).fields());
        Map<String, Object> clearances = new TreeMap<>();
        privacy.clearances(actor, name).forEach((workspace, clearance) -> clearances.put(workspace, clearance.tags()));
        out.put("clearances", clearances);
        return FlowController.json(out);
    }

    @PutMapping("/schema")
    ResponseEntity<String> describe(@PathVariable String name, @RequestBody(required = false) String body,
                                    Principal principal) {
        JsonNode request = Bodies.read(body);
        catalog.describe(principal.getName(), name, request.get("dataSchema"), request.get("samples"));
        return read(name, principal);
    }

    @PutMapping("/tags")
    ResponseEntity<String> tag(@PathVariable String name, @RequestBody(required = false) String body,
                               Principal principal) {
        JsonNode fields = Bodies.read(body).path("fields");
        if (!fields.isObject()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "$.fields", "must be an object of field path to tag");
        }
        Map<String, String> tags = new TreeMap<>();
        fields.fields().forEachRemaining(field -> tags.put(field.getKey(),
                field.getValue().isTextual() ? field.getValue().asText() : null));
        return FlowController.json(Map.of("tags", privacy.setTags(principal.getName(), name, tags).fields()));
    }

    @GetMapping("/tag-suggestions")
    ResponseEntity<String> suggestions(@PathVariable String name, Principal principal) {
        return FlowController.json(Map.of("suggestions", privacy.suggestions(principal.getName(), name)));
    }

    @GetMapping("/recent-events")
    ResponseEntity<String> recentEvents(@PathVariable String name, Principal principal) {
        try {
            return FlowController.json(Map.of("keep", recent.keep(), "events", recent.shown(principal.getName(), name)));
        } catch (IOException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "$", "the broker could not be asked for the recent"
                    + " events of " + name + ": " + e.getMessage());
        }
    }

    @PutMapping("/clearances/{workspace}")
    ResponseEntity<String> clear(@PathVariable String name, @PathVariable String workspace,
                                 @RequestBody(required = false) String body, Principal principal) {
        JsonNode tags = Bodies.read(body).path("tags");
        if (!tags.isObject()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "$.tags", "must be an object of tag to none, masked or clear");
        }
        Map<String, Clearance.Level> levels = new TreeMap<>();
        var it = tags.fields();
        while (it.hasNext()) {
            var tag = it.next();
            try {
                levels.put(tag.getKey(), Clearance.Level.of(tag.getValue().asText()));
            } catch (IllegalArgumentException e) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "$.tags" + dev.sluice.flow.Problems.key(tag.getKey()),
                        e.getMessage());
            }
        }
        Clearance granted = privacy.setClearance(principal.getName(), name, workspace, levels);
        return FlowController.json(Map.of("workspace", workspace, "tags", granted.tags()));
    }
}
