package dev.sluice.api;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.sluice.flowstore.DryRun;
import dev.sluice.flowstore.FlowStore;

/** Running flows without the broker: a stored version's tests, and a dry-run of any flow on sample events. */
@RestController
@RequestMapping("/api/flows")
class FlowRunController {

    private final FlowStore store;

    FlowRunController(FlowStore store) {
        this.store = store;
    }

    /** {@code {"id", "version", "passed", "results": [...]}} for the latest version or {@code ?version=}. */
    @PostMapping("/{id}/test")
    ResponseEntity<String> test(@PathVariable String id, @RequestParam(required = false) String version,
                                Principal principal) {
        return FlowController.json(store.test(principal.getName(), FlowRequests.flowId(id),
                FlowRequests.version(version, "version")));
    }

    /**
     * {@code {"flow", "events"}} in; {@code {"results": [...], "truncated": false}}, one trace per event in order.
     * When a bound stopped the run, {@code truncated} is true, {@code note} says why, and results cover the events
     * that ran.
     */
    @PostMapping("/dry-run")
    ResponseEntity<String> dryRun(@RequestBody(required = false) String body, Principal principal) {
        DryRun run = store.dryRun(principal.getName(), Bodies.read(body));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("results", run.results());
        answer.put("truncated", run.truncated());
        if (run.note() != null) {
            answer.put("note", run.note());
        }
        return FlowController.json(answer);
    }
}
