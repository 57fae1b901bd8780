package dev.sluice.api;

import java.net.URI;
import java.security.Principal;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.sluice.eventmesh.EventMeshImport;
import dev.sluice.eventmesh.EventMeshImported;

/** A flow from Apache EventMesh filter and transformer rules; answered like {@code POST /api/flows/import}. */
@RestController
class EventMeshController {

    private final EventMeshImport eventMesh;

    EventMeshController(EventMeshImport eventMesh) {
        this.eventMesh = eventMesh;
    }

    /** {@code {"workspace", "name", "source", "filter", "transformer", "target"}} in; 201 {@code {"id", "version", "notes"}}. */
    @PostMapping("/api/flows/import/eventmesh")
    ResponseEntity<String> importRules(@RequestBody(required = false) String body, Principal principal) {
        EventMeshImported imported = eventMesh.importRules(principal.getName(), Bodies.read(body));
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/flows/{id}")
                .buildAndExpand(imported.id()).toUri();
        return ResponseEntity.created(location).eTag(FlowRequests.etag(imported.version()))
                .contentType(MediaType.APPLICATION_JSON).body(Bodies.write(imported));
    }
}
