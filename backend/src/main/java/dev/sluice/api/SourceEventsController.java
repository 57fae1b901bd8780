package dev.sluice.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

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
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.flow.Problems;
import dev.sluice.pipeline.CloudEventCheck;
import dev.sluice.source.EventIngest;
import dev.sluice.source.SourceStewardship;

/**
 * {@code POST /api/sources/{name}/events}: the CloudEvents HTTP binding in structured, binary and batch mode.
 * 202 once the broker confirmed every event; 400 naming what is wrong (then nothing of the request is published);
 * 403 for a caller who sees the source but may not publish to it (stewards and owners of its workspace, and
 * platform admins, may); 404, worded as for a source that does not exist, when the caller cannot see it; 413 past
 * the size limit.
 */
@RestController
class SourceEventsController {

    private static final String BATCH = "application/cloudevents-batch+json";
    private static final JsonFormat FORMAT = new JsonFormat();

    private final SourceStewardship sources;
    private final EventIngest ingest;
    private final int maxBytes;

    SourceEventsController(SourceStewardship sources, EventIngest ingest,
                           @Value("${sluice.ingest.max-bytes:1048576}") int maxBytes) {
        this.sources = sources;
        this.ingest = ingest;
        this.maxBytes = maxBytes;
    }

    @PostMapping("/api/sources/{name}/events")
    ResponseEntity<String> publish(@PathVariable String name, @RequestBody(required = false) byte[] body,
                                   HttpServletRequest request, Principal principal) throws IOException {
        sources.stewarded(principal.getName(), name);
        byte[] payload = body == null ? new byte[0] : body;
        if (payload.length > maxBytes) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "$",
                    "the request has " + payload.length + " bytes; at most " + maxBytes + " are accepted");
        }
        List<CloudEvent> events = read(request, payload);
        ingest.publish(name, events);
        return ResponseEntity.accepted().body(Json.write(Map.of("accepted", events.size())));
    }

    /** Every event of the request, or every problem of all of them: the whole request is checked before any is sent. */
    private static List<CloudEvent> read(HttpServletRequest request, byte[] body) {
        String contentType = String.valueOf(request.getContentType()).toLowerCase();
        if (contentType.startsWith(BATCH)) {
            JsonNode batch = FlowJson.parse(new String(body, StandardCharsets.UTF_8));
            if (!batch.isArray()) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "$", "a batch must be a JSON array of CloudEvents");
            }
            List<CloudEvent> events = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                events.add(structured(batch.get(i), "$[" + i + "]"));
            }
            return publishable(events, (i, attribute) -> "$[" + i + "]." + attribute);
        }
        if (contentType.startsWith(JsonFormat.CONTENT_TYPE)) {
            return publishable(List.of(structured(FlowJson.parse(new String(body, StandardCharsets.UTF_8)), "$")),
                    (i, attribute) -> "$." + attribute);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header : Collections.list(request.getHeaderNames())) {
            headers.put(header, request.getHeader(header));
        }
        try {
            return publishable(List.of(HttpMessageFactory.createReader(headers, body).toEvent()),
                    (i, attribute) -> "ce-" + attribute);
        } catch (CloudEventRWException | IllegalStateException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "$", "not a CloudEvent in binary mode (ce-id, ce-source, "
                    + "ce-type and ce-specversion headers) nor in structured mode (Content-Type "
                    + JsonFormat.CONTENT_TYPE + "): " + CloudEventReadFailure.describe(e));
        }
    }

    private static List<CloudEvent> publishable(List<CloudEvent> events, BiFunction<Integer, String, String> path) {
        List<FlowProblem> problems = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            for (String attribute : EventIngest.tooLong(events.get(i))) {
                problems.add(new FlowProblem(path.apply(i, attribute), "is longer than "
                        + EventIngest.SHORT_STRING_BYTES + " bytes in UTF-8, the most a broker message id or routing "
                        + "key holds; nothing of the request was published"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidFlowException(problems);
        }
        return events;
    }

    private static CloudEvent structured(JsonNode event, String path) {
        Problems problems = new Problems().at(path.substring(1));
        if (!CloudEventCheck.check(event, problems)) {
            problems.throwIfAny();
        }
        try {
            return FORMAT.deserialize(FlowJson.MAPPER.writeValueAsBytes(event));
        } catch (EventDeserializationException | CloudEventRWException | IOException e) {
            String attribute = CloudEventReadFailure.attribute(e);
            throw new ApiException(HttpStatus.BAD_REQUEST, attribute == null ? path : path + "." + attribute,
                    "is not a valid CloudEvent: " + CloudEventReadFailure.describe(e));
        }
    }
}
