package dev.sluice.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import dev.sluice.signin.SignInThrottledException;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401, 403 and 429 answers of the API's security chain in its error format, and the writing of any error body outside
 * Spring MVC. Written directly (not {@code sendError}) so the container's error dispatch, and with it the browser
 * login redirect, never gets involved.
 */
final class ApiErrorResponses {

    private ApiErrorResponses() {
    }

    static AuthenticationEntryPoint unauthorized() {
        return (request, response, exception) -> {
            if (exception instanceof SignInThrottledException throttled) {
                long seconds = throttled.retryAfterSeconds();
                response.setHeader("Retry-After", Long.toString(seconds));
                write(response, 429, "Too many failed sign-ins; try again in " + seconds + " s");
                return;
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"Sluice\"");
            write(response, HttpServletResponse.SC_UNAUTHORIZED, "Sign in with HTTP Basic: a valid username and password are required");
        };
    }

    /** Refusals of the chain's access rules (an actuator endpoint for a non-admin, say), each audited. */
    static AccessDeniedHandler forbidden(DeniedRequests denied) {
        return (request, response, exception) -> {
            denied.record(request, request.getUserPrincipal(), exception.getMessage());
            write(response, HttpServletResponse.SC_FORBIDDEN, "You may not do this");
        };
    }

    static void write(HttpServletResponse response, int status, String message) throws IOException {
        writeBody(response, status, JsonMapper.shared().writeValueAsString(ApiErrors.of("$", message)));
    }

    /** {@code body} is the JSON of {@link ApiErrors}. */
    static void writeBody(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        try {
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalStateException writerInUse) {
            response.getWriter().write(body);
        }
    }
}
