package dev.sluice.api;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import dev.sluice.audit.AuditEntry;
import dev.sluice.audit.AuditLog;
import dev.sluice.audit.AuditPage;
import dev.sluice.audit.AuditQuery;
import dev.sluice.audit.AuditVerification;

/**
 * {@code GET /api/audit} (filters and paging, newest first), {@code GET /api/audit/verify} and
 * {@code GET /api/audit.csv} (the filtered set, oldest first, streamed). Who may read what is decided by
 * {@link AuditLog}.
 */
@RestController
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/audit")
    ResponseEntity<String> search(@RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to,
                                  @RequestParam(required = false) String actor,
                                  @RequestParam(required = false) String workspace,
                                  @RequestParam(required = false) String action,
                                  @RequestParam(required = false) String objectType,
                                  @RequestParam(required = false) String objectId,
                                  @RequestParam(defaultValue = "0") int page,
                                  @RequestParam(defaultValue = "50") int size, Principal principal) {
        AuditPage found = audit.search(principal.getName(),
                query(from, to, actor, workspace, action, objectType, objectId), page, size);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entries", found.entries().stream().map(AuditController::entry).toList());
        body.put("page", found.page());
        body.put("size", found.size());
        body.put("total", found.total());
        return FlowController.json(body);
    }

    /** {@code {"ok", "entries", "firstBad": null or {"id", "reason", "entry"}}}. */
    @GetMapping("/api/audit/verify")
    ResponseEntity<String> verify(Principal principal) {
        AuditVerification result = audit.verify(principal.getName());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", result.ok());
        body.put("entries", result.entries());
        if (result.firstBad() == null) {
            body.put("firstBad", null);
        } else {
            Map<String, Object> bad = new LinkedHashMap<>();
            bad.put("id", result.firstBad().id());
            bad.put("reason", result.firstBad().reason());
            bad.put("entry", result.firstBad().entry() == null ? null : entry(result.firstBad().entry()));
            body.put("firstBad", bad);
        }
        return FlowController.json(body);
    }

    @GetMapping("/api/audit.csv")
    ResponseEntity<StreamingResponseBody> csv(@RequestParam(required = false) String from,
                                              @RequestParam(required = false) String to,
                                              @RequestParam(required = false) String actor,
                                              @RequestParam(required = false) String workspace,
                                              @RequestParam(required = false) String action,
                                              @RequestParam(required = false) String objectType,
                                              @RequestParam(required = false) String objectId,
                                              Principal principal) {
        AuditLog.CsvExport export = audit.export(principal.getName(),
                query(from, to, actor, workspace, action, objectType, objectId));
        StreamingResponseBody body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            export.writeTo(writer);
            writer.flush();
        };
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"sluice-audit.csv\"")
                .body(body);
    }

    static Map<String, Object> entry(AuditEntry e) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", e.id());
        entry.put("time", e.at().toString());
        entry.put("actor", e.actor());
        entry.put("workspace", e.workspace());
        entry.put("action", e.action());
        entry.put("objectType", e.objectType());
        entry.put("objectId", e.objectId());
        entry.put("outcome", e.outcome());
        entry.put("details", Bodies.read(e.details()));
        entry.put("prevHash", e.prevHash());
        entry.put("hash", e.hash());
        return entry;
    }

    private static AuditQuery query(String from, String to, String actor, String workspace, String action,
                                    String objectType, String objectId) {
        return new AuditQuery(instant(from, "from"), instant(to, "to"), blank(actor), blank(workspace),
                blank(action), blank(objectType), blank(objectId));
    }

    private static Instant instant(String raw, String parameter) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "$", "the query parameter '" + parameter
                    + "' must be an ISO-8601 instant such as 2026-01-31T00:00:00Z, not '" + raw + "'");
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
