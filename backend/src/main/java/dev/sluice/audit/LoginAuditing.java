package dev.sluice.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Sign-ins. Successes are the interactive ones (the login form, the identity provider): the REST API authenticates
 * every request with HTTP Basic, and an entry per call would bury everything else; what those calls do is audited
 * instead (a bearer token's first use is, by {@code signin}).
 * Every failure is recorded, from the form and the API alike, under the name that was tried and with the client's
 * address; sign-ins refused by the throttle are not (its refusal periods are, by {@code signin}).
 */
@Component
class LoginAuditing {

    private final AuditLog log;

    LoginAuditing(AuditLog log) {
        this.log = log;
    }

    @EventListener
    void succeeded(InteractiveAuthenticationSuccessEvent event) {
        String user = event.getAuthentication().getName();
        String method = event.getAuthentication() instanceof OAuth2AuthenticationToken ? "oidc" : "form";
        log.record(AuditRecord.success(user, null, "login", "user", user, Map.of("method", method)));
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        String user = String.valueOf(event.getAuthentication().getName());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", event.getException().getClass().getSimpleName());
        if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails web) {
            details.put("address", web.getRemoteAddress());
        }
        log.record(new AuditRecord(user, null, "login", "user", user, AuditRecord.Outcome.FAILURE, details));
    }
}
