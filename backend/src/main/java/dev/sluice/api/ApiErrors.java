package dev.sluice.api;

import java.util.List;

/**
 * The body of every error answer of the API (4xx, and 500 with an error id): each problem with where it is.
 */
public record ApiErrors(List<ApiError> errors) {

    public static ApiErrors of(String path, String message) {
        return new ApiErrors(List.of(new ApiError(path, message)));
    }

    /**
     * One problem; {@code path} is a JSONPath into the request body, {@code $} for the request as a whole, or the
     * name of the query parameter ({@code limit}) or header ({@code ce-id}) it concerns.
     */
    public record ApiError(String path, String message) {
    }
}
