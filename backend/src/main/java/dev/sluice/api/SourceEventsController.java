package dev.sluice.api;

import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.sluice.cloudevent.CloudEventReading;
import dev.sluice.cloudevent.HttpCloudEvents;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.source.EventIngest;
import dev.sluice.source.SourceAccess;

/**
 * {@code POST /api/sources/{name}/events}: the CloudEvents HTTP binding in structured, binary and batch mode.
 * 202 once the broker confirmed every event, with the warnings of what CloudEvents advises against; 400 naming
 * every problem by JSON path or header (then nothing of the request is published); 403 for a caller who sees the
 * source but may not publish to it ({@link SourceAccess#mayPublish}); 404, worded
 * as for a source that does not exist, when the caller cannot see it; 413 past the size limit; 415 for a
 * CloudEvents format other than JSON.
 */
@RestController
class SourceEventsController {

    private final SourceAccess sources;
    private final EventIngest ingest;
    private final int maxBytes;

    SourceEventsController(SourceAccess sources, EventIngest ingest,
                           @Value("${sluice.ingest.max-bytes:1048576}") int maxBytes) {
        this.sources = sources;
        this.ingest = ingest;
        this.maxBytes = maxBytes;
    }

    @PostMapping("/api/sources/{name}/events")
    ResponseEntity<String> publish(@PathVariable String name, @RequestBody(required = false) byte[] body,
                                   HttpServletRequest request, Principal principal) throws IOException {
        sources.requirePublish(principal.getName(), name);
        byte[] payload = body == null ? new byte[0] : body;
        if (payload.length > maxBytes) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "$",
                    "the request has " + payload.length + " bytes; at most " + maxBytes + " are accepted");
        }
        CloudEventReading reading = read(request, payload);
        List<FlowProblem> problems = new ArrayList<>(reading.problems());
        for (int i = 0; i < reading.events().size(); i++) {
            for (String attribute : EventIngest.tooLong(reading.events().get(i))) {
                problems.add(new FlowProblem(HttpCloudEvents.attributePath(request.getContentType(), i, attribute), "is longer than "
                        + EventIngest.SHORT_STRING_BYTES + " bytes in UTF-8, the most a broker message id or routing "
                        + "key holds; nothing of the request was published"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidFlowException(problems);
        }
        ingest.publish(name, reading.events());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", reading.events().size());
        if (!reading.warnings().isEmpty()) {
            answer.put("warnings", reading.warnings());
        }
        return ResponseEntity.accepted().body(Bodies.write(answer));
    }

    private static CloudEventReading read(HttpServletRequest request, byte[] body) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String header : Collections.list(request.getHeaderNames())) {
            headers.computeIfAbsent(header, h -> new ArrayList<>()).addAll(Collections.list(request.getHeaders(header)));
        }
        try {
            return HttpCloudEvents.read(request.getContentType(), headers, body);
        } catch (HttpCloudEvents.UnsupportedFormat e) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type", e.getMessage());
        }
    }
}
