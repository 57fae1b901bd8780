package dev.sluice.api;

import java.io.IOException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API's last line: what the controllers' handler ({@link ApiExceptionHandler}) never sees is answered here
 * in the same format. A {@code sendError} (no such path, a method or media type no controller takes, a refusal of
 * the container) writes the error body at once instead of dispatching to {@code /error}, which the security
 * chains would refuse with an empty 403; a failure that escapes the servlet becomes a 400 (stack overflow) or a
 * 500 with an error id.
 */
class ApiErrorFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorFilter.class);

    /** Also sees the container's error dispatch, to answer for an API request that failed in the container itself. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            answerContainerError(request, response, chain);
            return;
        }
        ErrorWritingResponse answering = new ErrorWritingResponse(request, response);
        try {
            chain.doFilter(request, answering);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            if (response.isCommitted()) {
                log.warn("{} {} failed after its answer had begun", request.getMethod(), request.getRequestURI(), e);
                throw e;
            }
            response.resetBuffer();
            write(response, ApiFailures.answer(e, request));
        }
    }

    /**
     * An error the container raised on its own (a request body that timed out: 408) dispatches to {@code /error};
     * for an API request it is answered here, before any security chain could refuse {@code /error}.
     */
    private static void answerContainerError(HttpServletRequest request, HttpServletResponse response,
                                             FilterChain chain) throws ServletException, IOException {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(uri instanceof String path) || !path.startsWith("/api/") || !(status instanceof Integer code)) {
            chain.doFilter(request, response);
            return;
        }
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String message = code == HttpServletResponse.SC_REQUEST_TIMEOUT ? ApiFailures.BODY_TOO_SLOW
                : code >= 500 ? ApiFailures.internal(request, failure instanceof Throwable t ? t : null)
                : "the request was refused: " + code;
        ApiErrorResponses.write(response, code, message);
    }

    static void write(HttpServletResponse response, ResponseEntity<String> answer) throws IOException {
        response.setStatus(answer.getStatusCode().value());
        answer.getHeaders().forEach((name, values) -> {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
                values.forEach(value -> response.setHeader(name, value));
            }
        });
        ApiErrorResponses.writeBody(response, answer.getStatusCode().value(), answer.getBody());
    }

    /** Turns {@code sendError} into an answer in the API's format, keeping headers such as {@code Allow}. */
    private static final class ErrorWritingResponse extends HttpServletResponseWrapper {

        private final HttpServletRequest request;

        ErrorWritingResponse(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        @Override
        public void sendError(int status) throws IOException {
            sendError(status, null);
        }

        @Override
        public void sendError(int status, String ignored) throws IOException {
            HttpServletResponse response = (HttpServletResponse) getResponse();
            if (response.isCommitted()) {
                return;
            }
            response.resetBuffer();
            String message = status >= 500 ? ApiFailures.internal(request, null)
                    : ApiFailures.message(status, request, response.getHeader(HttpHeaders.ALLOW));
            ApiErrorResponses.write(response, status, message);
            response.flushBuffer();
        }
    }
}
