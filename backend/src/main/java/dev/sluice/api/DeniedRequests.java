package dev.sluice.api;

import java.security.Principal;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

import dev.sluice.audit.AuditLog;
import dev.sluice.audit.AuditRecord;

/**
 * Records refused calls (403) in the audit log: someone tried what their role does not allow. Calls answered
 * 404 for another workspace's objects are not recorded: they cannot be told from honest typos.
 */
@Component
class DeniedRequests {

    private final AuditLog audit;

    DeniedRequests(AuditLog audit) {
        this.audit = audit;
    }

    void record(HttpServletRequest request, Principal principal, String message) {
        if (principal == null) {
            return;
        }
        audit.record(new AuditRecord(principal.getName(), null, "request.denied", "request",
                request.getMethod() + " " + request.getRequestURI(), AuditRecord.Outcome.DENIED,
                Map.of("reason", message == null ? "" : message)));
    }
}
