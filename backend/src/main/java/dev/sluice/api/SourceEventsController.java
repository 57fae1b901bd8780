package dev.sluice.api;

import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.rw.CloudEventRWException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.sluice.flow.FlowJson;
import dev.sluice.flow.Problems;
import dev.sluice.pipeline.CloudEventCheck;
import dev.sluice.source.EventIngest;
import dev.sluice.source.EventSource;
import dev.sluice.source.SourceCatalog;
import dev.sluice.workspace.PlatformRole;
import dev.sluice.workspace.UserProfile;
import dev.sluice.workspace.WorkspaceRole;
import dev.sluice.workspace.WorkspaceService;

/**
 * {@code POST /api/sources/{name}/events}: the CloudEvents HTTP binding in structured, binary and batch mode.
 * 202 once the broker confirmed every event; 400 naming what is wrong; 403 for a caller who may not publish
 * to the source (stewards and owners of its workspace, and platform admins, may); 413 past the size limit.
 */
@RestController
class SourceEventsController {

    private static final String BATCH = "application/cloudevents-batch+json";
    private static final JsonFormat FORMAT = new JsonFormat();

    private final SourceCatalog sources;
    private final WorkspaceService workspaces;
    private final EventIngest ingest;
    private final int maxBytes;

    SourceEventsController(SourceCatalog sources, WorkspaceService workspaces, EventIngest ingest,
                           @Value("${sluice.ingest.max-bytes:1048576}") int maxBytes) {
        this.sources = sources;
        this.workspaces = workspaces;
        this.ingest = ingest;
        this.maxBytes = maxBytes;
    }

    @PostMapping("/api/sources/{name}/events")
    ResponseEntity<String> publish(@PathVariable String name, @RequestBody(required = false) byte[] body,
                                   HttpServletRequest request, Principal principal) throws IOException {
        EventSource source = sources.find(name).orElseThrow(() -> ApiException.notFound("The source " + name));
        authorize(source, workspaces.profile(principal.getName()));
        byte[] payload = body == null ? new byte[0] : body;
        if (payload.length > maxBytes) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "$",
                    "the request has " + payload.length + " bytes; at most " + maxBytes + " are accepted");
        }
        List<CloudEvent> events = read(request, payload);
        ingest.publish(name, events);
        return ResponseEntity.accepted().body(Json.write(Map.of("accepted", events.size())));
    }

    private static void authorize(EventSource source, UserProfile user) {
        boolean mayPublish = user.platformRole() == PlatformRole.ADMIN || user.workspaces().stream()
                .anyMatch(w -> w.workspace().equals(source.getOwner().getName())
                        && w.role().includes(WorkspaceRole.STEWARD));
        if (!mayPublish) {
            throw ApiException.forbidden("only stewards of " + source.getOwner().getName() + " may publish to "
                    + source.getName());
        }
    }

    private static List<CloudEvent> read(HttpServletRequest request, byte[] body) {
        String contentType = String.valueOf(request.getContentType()).toLowerCase();
        if (contentType.startsWith(BATCH)) {
            JsonNode batch = FlowJson.parse(new String(body, java.nio.charset.StandardCharsets.UTF_8));
            if (!batch.isArray()) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "$", "a batch must be a JSON array of CloudEvents");
            }
            List<CloudEvent> events = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                events.add(structured(batch.get(i), "$[" + i + "]"));
            }
            return events;
        }
        if (contentType.startsWith(JsonFormat.CONTENT_TYPE)) {
            return List.of(structured(FlowJson.parse(new String(body, java.nio.charset.StandardCharsets.UTF_8)), "$"));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header : Collections.list(request.getHeaderNames())) {
            headers.put(header, request.getHeader(header));
        }
        try {
            return List.of(HttpMessageFactory.createReader(headers, body).toEvent());
        } catch (CloudEventRWException | IllegalStateException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "$", "not a CloudEvent in binary mode (ce-id, ce-source, "
                    + "ce-type and ce-specversion headers) nor in structured mode (Content-Type "
                    + JsonFormat.CONTENT_TYPE + "): " + e.getMessage());
        }
    }

    private static CloudEvent structured(JsonNode event, String path) {
        Problems problems = new Problems().at(path.substring(1));
        if (!CloudEventCheck.check(event, problems)) {
            problems.throwIfAny();
        }
        try {
            return FORMAT.deserialize(FlowJson.MAPPER.writeValueAsBytes(event));
        } catch (EventDeserializationException | CloudEventRWException | IOException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, path, "is not a valid CloudEvent: " + e.getMessage());
        }
    }
}
