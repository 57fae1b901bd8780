package dev.sluice.api;

import java.util.List;

/** The body of every 4xx answer of the API: each problem with the JSON path it concerns. */
public record ApiErrors(List<ApiError> errors) {

    public static ApiErrors of(String path, String message) {
        return new ApiErrors(List.of(new ApiError(path, message)));
    }

    /** One problem; {@code path} is a JSONPath into the request body, {@code $} for the request as a whole. */
    public record ApiError(String path, String message) {
    }
}
