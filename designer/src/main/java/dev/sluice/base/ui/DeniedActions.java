package dev.sluice.base.ui;

import java.util.Map;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import dev.sluice.audit.AuditLog;
import dev.sluice.audit.AuditRecord;

/**
 * Records in the audit log what a service refused someone in the designer for lack of permission, as the API records
 * its 403s: who, on which view, and the reason. Thread-safe.
 */
@Component
public class DeniedActions {

    private final AuditLog audit;

    DeniedActions(AuditLog audit) {
        this.audit = audit;
    }

    /** From a view's code: finds this bean through the running Vaadin service; does nothing outside one. */
    public static void record(String reason) {
        VaadinService service = VaadinService.getCurrent();
        if (service != null) {
            service.getInstantiator().getOrCreate(DeniedActions.class).recordRefusal(reason);
        }
    }

    void recordRefusal(String reason) {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null || !user.isAuthenticated()) {
            return;
        }
        UI ui = UI.getCurrent();
        String where = ui == null ? "designer" : "/" + ui.getActiveViewLocation().getPathWithQueryParameters();
        audit.record(new AuditRecord(user.getName(), null, "ui.denied", "view", where, AuditRecord.Outcome.DENIED,
                Map.of("reason", reason == null ? "" : reason)));
    }
}
