package dev.sluice.api;

import java.security.Principal;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.sluice.audit.AuditAccessDenied;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.workspace.Refusal;

/** Maps domain refusals to the API's error format: {@code {"errors": [{"path", "message"}]}} with a 4xx status. */
@RestControllerAdvice(basePackages = "dev.sluice")
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

    static ResponseEntity<String> errors(HttpStatus status, List<FlowProblem> problems) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Json.write(new ApiErrors(problems.stream()
                        .map(p -> new ApiErrors.ApiError(p.path(), p.message()))
                        .toList())));
    }
}
