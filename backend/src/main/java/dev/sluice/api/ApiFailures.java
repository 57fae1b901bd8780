package dev.sluice.api;

import java.net.SocketTimeoutException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;

import dev.sluice.flow.FlowProblem;

/**
 * The answer to anything no handler of the API expected: the framework's own 4xx refusals in the API's error
 * format, a body past the limit as 413, a body that never arrives as 408, a stack overflow (a script, template
 * or document nested too deeply) as 400, and everything else as a 500 whose message carries an id that is logged
 * with the stack trace. Bodies never name Java types.
 */
final class ApiFailures {

    private static final Logger log = LoggerFactory.getLogger(ApiFailures.class);

    static final String NESTED_TOO_DEEPLY = "the request is nested too deeply to process (a script, template or "
            + "JSON value with thousands of nested brackets or directives); flatten it";

    static final String BODY_TOO_SLOW = "the request body did not arrive in time (a Content-Length larger than the "
            + "body sent?)";

    private ApiFailures() {
    }

    static ResponseEntity<String> answer(Throwable failure, HttpServletRequest request) {
        if (causedBy(failure, StackOverflowError.class)) {
            log.warn("{} {} nested too deeply: a stack overflow was stopped", request.getMethod(),
                    request.getRequestURI());
            return ApiExceptionHandler.errors(HttpStatus.BAD_REQUEST, List.of(new FlowProblem("$", NESTED_TOO_DEEPLY)));
        }
        RequestBodyLimit.TooLarge tooLarge = cause(failure, RequestBodyLimit.TooLarge.class);
        if (tooLarge != null) {
            HttpHeaders close = new HttpHeaders();
            close.set(HttpHeaders.CONNECTION, "close");
            return ApiExceptionHandler.errors(HttpStatus.CONTENT_TOO_LARGE, close,
                    List.of(new FlowProblem("$", tooLarge.getMessage())));
        }
        if (causedBy(failure, SocketTimeoutException.class)) {
            return ApiExceptionHandler.errors(HttpStatus.REQUEST_TIMEOUT, List.of(new FlowProblem("$", BODY_TOO_SLOW)));
        }
        if (failure instanceof HttpMessageNotReadableException) {
            return ApiExceptionHandler.errors(HttpStatus.BAD_REQUEST, List.of(new FlowProblem("$",
                    "the request body cannot be read")));
        }
        if (failure instanceof AccessDeniedException) {
            return ApiExceptionHandler.errors(HttpStatus.FORBIDDEN, List.of(new FlowProblem("$", "You may not do this")));
        }
        if (failure instanceof AuthenticationException) {
            return ApiExceptionHandler.errors(HttpStatus.UNAUTHORIZED, List.of(new FlowProblem("$",
                    "Sign in with HTTP Basic: a valid username and password are required")));
        }
        if (failure instanceof ErrorResponse refusal && refusal.getStatusCode().is4xxClientError()) {
            HttpStatus status = HttpStatus.valueOf(refusal.getStatusCode().value());
            HttpHeaders headers = new HttpHeaders();
            headers.putAll(refusal.getHeaders());
            return ApiExceptionHandler.errors(status, headers, List.of(new FlowProblem("$",
                    message(status.value(), request, headers.getFirst(HttpHeaders.ALLOW)))));
        }
        return ApiExceptionHandler.errors(HttpStatus.INTERNAL_SERVER_ERROR, List.of(new FlowProblem("$",
                internal(request, failure))));
    }

    /** Logs the failure (with its stack trace, when there is one) under a new id, and the message naming that id. */
    static String internal(HttpServletRequest request, Throwable failure) {
        String id = newId();
        log.error("Internal error {} on {} {}", id, request.getMethod(), request.getRequestURI(), failure);
        return "Internal error " + id + "; the request was not completed. Sluice's log has the details under this id";
    }

    /** What a bare status means for this request, in words a caller can act on. */
    static String message(int status, HttpServletRequest request, String allow) {
        String call = request.getMethod() + " " + request.getRequestURI();
        return switch (status) {
            case 400 -> "the request cannot be read: " + call;
            case 404 -> "there is no " + call + " in the API";
            case 405 -> request.getMethod() + " is not supported on " + request.getRequestURI()
                    + (allow == null || allow.isBlank() ? "" : "; allowed: " + allow);
            case 406 -> "the answer can only be JSON; Accept was " + request.getHeader(HttpHeaders.ACCEPT);
            case 413 -> "the request body is larger than this call accepts";
            case 415 -> "the Content-Type '" + request.getContentType() + "' is not supported here";
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                yield (known == null ? "status " + status : known.getReasonPhrase()) + ": " + call;
            }
        };
    }

    static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        return cause(failure, type) != null;
    }

    static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String newId() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
