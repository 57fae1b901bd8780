package dev.sluice.api;

import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

import dev.sluice.region.Regions;
import dev.sluice.source.SourceAccess;
import dev.sluice.source.SourceStewardship;
import dev.sluice.source.SourceSummary;

/**
 * The source catalog: {@code GET /api/sources} (what the caller may use), {@code POST /api/sources}
 * {@code {"name", "description", "owner", "eventTypes", "key", "homeRegion"}}, {@code PUT /api/sources/{name}/key}
 * {@code {"key"}}, {@code PUT /api/sources/{name}/home-region} {@code {"homeRegion"}}, {@code POST /api/sources/{name}/grants}
 * {@code {"workspace"}} and {@code DELETE /api/sources/{name}/grants/{workspace}}. Grants are listed to the
 * source's stewards only.
 */
@RestController
class SourceCatalogController {

    private final SourceStewardship catalog;
    private final SourceAccess access;
    private final Regions regions;

    SourceCatalogController(SourceStewardship catalog, SourceAccess access, Regions regions) {
        this.regions = regions;
        this.catalog = catalog;
        this.access = access;
    }

    @GetMapping("/api/sources")
    ResponseEntity<String> list(Principal principal) {
        return FlowController.json(Map.of("sources", catalog.summaries(principal.getName()).stream()
                .map(source -> describe(source, access.mayManage(principal.getName(), source.name()))).toList()));
    }

    @PostMapping("/api/sources")
    ResponseEntity<String> register(@RequestBody(required = false) String body, Principal principal) {
        JsonNode request = Bodies.read(body);
        List<String> types = new ArrayList<>();
        request.path("eventTypes").forEach(type -> types.add(type.isTextual() ? type.asText() : null));
        SourceSummary created = catalog.register(principal.getName(), text(request, "name"),
                text(request, "description"), text(request, "owner"), types, text(request, "key"),
                text(request, "homeRegion"));
        return ResponseEntity.created(URI.create("/api/sources/" + created.name()))
                .contentType(MediaType.APPLICATION_JSON).body(Bodies.write(describe(created, true)));
    }

    /** {@code {"key": "$.data.userId"}}: the JSONPath of the source's key, for its stewards. */
    @PutMapping("/api/sources/{name}/key")
    ResponseEntity<String> changeKey(@PathVariable String name, @RequestBody(required = false) String body,
                                     Principal principal) {
        SourceSummary changed = catalog.changeKey(principal.getName(), name, text(Bodies.read(body), "key"));
        return FlowController.json(describe(changed, true));
    }

    /** {@code {"homeRegion": "cn-east"}}: where the source is published from now on, for its stewards. */
    @PutMapping("/api/sources/{name}/home-region")
    ResponseEntity<String> moveHome(@PathVariable String name, @RequestBody(required = false) String body,
                                    Principal principal) {
        return FlowController.json(describe(catalog.moveHome(principal.getName(), name,
                text(Bodies.read(body), "homeRegion")), true));
    }

    @PostMapping("/api/sources/{name}/grants")
    ResponseEntity<Void> grant(@PathVariable String name, @RequestBody(required = false) String body,
                               Principal principal) {
        catalog.grant(principal.getName(), name, text(Bodies.read(body), "workspace"));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/api/sources/{name}/grants/{workspace}")
    ResponseEntity<Void> revoke(@PathVariable String name, @PathVariable String workspace, Principal principal) {
        catalog.revoke(principal.getName(), name, workspace);
        return ResponseEntity.noContent().build();
    }

    private Map<String, Object> describe(SourceSummary source, boolean withGrants) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", source.name());
        out.put("description", source.description());
        out.put("owner", source.owner());
        out.put("eventTypes", source.eventTypes());
        out.put("key", source.key());
        out.put("homeRegion", regions.resolve(source.homeRegion()));
        if (withGrants) {
            out.put("subscribers", source.subscribers());
        }
        return out;
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
