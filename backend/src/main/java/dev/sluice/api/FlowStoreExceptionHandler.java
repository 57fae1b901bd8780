package dev.sluice.api;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.sluice.flow.FlowProblem;
import dev.sluice.flowstore.FlowStoreException;

/** Maps the flow store's refusals to the API's error format. */
@RestControllerAdvice(basePackages = "dev.sluice")
class FlowStoreExceptionHandler {

    private final DeniedRequests denied;

    FlowStoreExceptionHandler(DeniedRequests denied) {
        this.denied = denied;
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
        };
        List<FlowProblem> errors = new ArrayList<>();
        errors.add(new FlowProblem(e.path(), e.getMessage()));
        errors.addAll(e.details());
        return ApiExceptionHandler.errors(status, errors);
    }
}
