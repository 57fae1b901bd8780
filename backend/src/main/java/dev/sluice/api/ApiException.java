package dev.sluice.api;

import org.springframework.http.HttpStatus;

/** A refusal with a status and the JSON path it concerns ({@code $} for the request as a whole). */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String path;

    public ApiException(HttpStatus status, String path, String message) {
        super(message);
        this.status = status;
        this.path = path;
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "$", what + " does not exist or is not visible to you");
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, "$", message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(HttpStatus.CONFLICT, "$", message);
    }

    public HttpStatus status() {
        return status;
    }

    public String path() {
        return path;
    }
}
