package dev.sluice.api;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import dev.sluice.audit.AuditAccessDenied;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.flowstore.FlowStoreException;
import dev.sluice.workspace.Refusal;

/**
 * The one place the API's controllers turn failures into answers: {@code {"errors": [{"path", "message"}]}} with
 * the status HTTP names (400 with the path or parameter, 403, 404, 409, 429, ...), and a 500 with an error id for
 * anything unexpected ({@link ApiFailures}). Failures outside the controllers are answered by {@link ApiErrorFilter}.
 */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
class ApiExceptionHandler {

    private final DeniedRequests denied;

    ApiExceptionHandler(DeniedRequests denied) {
        this.denied = denied;
    }

    @ExceptionHandler(InvalidFlowException.class)
    ResponseEntity<String> invalid(InvalidFlowException e) {
        return errors(HttpStatus.BAD_REQUEST, e.problems());
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<String> refused(ApiException e) {
        return errors(e.status(), List.of(new FlowProblem(e.path(), e.getMessage())));
    }

    @ExceptionHandler(AuditAccessDenied.class)
    ResponseEntity<String> auditRefused(AuditAccessDenied e, HttpServletRequest request, Principal principal) {
        denied.record(request, principal, e.getMessage());
        return errors(HttpStatus.FORBIDDEN, List.of(new FlowProblem("$", e.getMessage())));
    }

    @ExceptionHandler(Refusal.class)
    ResponseEntity<String> refused(Refusal e, HttpServletRequest request, Principal principal) {
        HttpStatus status = switch (e.reason()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
        };
        if (status == HttpStatus.FORBIDDEN) {
            denied.record(request, principal, e.getMessage());
        }
        return errors(status, List.of(new FlowProblem("$", e.getMessage())));
    }

    @ExceptionHandler(FlowStoreException.class)
    ResponseEntity<String> refused(FlowStoreException e, HttpServletRequest request, Principal principal) {
        if (e.reason() == FlowStoreException.Reason.FORBIDDEN) {
            denied.record(request, principal, e.getMessage());
        }
        HttpStatus status = switch (e.reason()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
            case BUSY -> HttpStatus.TOO_MANY_REQUESTS;
            case INVALID -> HttpStatus.BAD_REQUEST;
        };
        List<FlowProblem> errors = new ArrayList<>();
        errors.add(new FlowProblem(e.path(), e.getMessage()));
        errors.addAll(e.details());
        return errors(status, errors);
    }

    /** A query parameter that is not of its type: the path is the parameter's name. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<String> mistyped(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        String expected = type == int.class || type == long.class || type == Integer.class || type == Long.class
                ? "a whole number between " + (type == long.class || type == Long.class ? Long.MIN_VALUE : Integer.MIN_VALUE)
                + " and " + (type == long.class || type == Long.class ? Long.MAX_VALUE : Integer.MAX_VALUE)
                : type == boolean.class || type == Boolean.class ? "true or false" : "a valid value";
        return errors(HttpStatus.BAD_REQUEST, List.of(new FlowProblem(e.getName(),
                "must be " + expected + ", not '" + e.getValue() + "'")));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<String> missing(MissingServletRequestParameterException e) {
        return errors(HttpStatus.BAD_REQUEST, List.of(new FlowProblem(e.getParameterName(), "is required")));
    }

    /** Everything else: the framework's refusals keep their status; the unexpected is a 500 with an id. */
    @ExceptionHandler(Throwable.class)
    ResponseEntity<String> unexpected(Throwable e, HttpServletRequest request) {
        return ApiFailures.answer(e, request);
    }

    static ResponseEntity<String> errors(HttpStatus status, List<FlowProblem> problems) {
        return errors(status, HttpHeaders.EMPTY, problems);
    }

    static ResponseEntity<String> errors(HttpStatus status, HttpHeaders headers, List<FlowProblem> problems) {
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_JSON)
                .body(Bodies.write(new ApiErrors(problems.stream()
                        .map(p -> new ApiErrors.ApiError(p.path(), p.message()))
                        .toList())));
    }
}
