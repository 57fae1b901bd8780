package dev.sluice.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 answers of the API in its error format, and the writing of any error body outside Spring MVC. Written directly (not {@code sendError}) so the
 * container's error dispatch, and with it the browser login redirect, never gets involved.
 */
final class ApiErrorResponses {

    private ApiErrorResponses() {
    }

    static AuthenticationEntryPoint unauthorized() {
        return (request, response, exception) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Sluice\"");
            write(response, HttpServletResponse.SC_UNAUTHORIZED, "Sign in with HTTP Basic: a valid username and password are required");
        };
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, exception) ->
                write(response, HttpServletResponse.SC_FORBIDDEN, "You may not do this");
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
