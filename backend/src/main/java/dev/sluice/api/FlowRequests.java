package dev.sluice.api;

import org.springframework.http.HttpStatus;

/** Reads the small parts of flow requests that are not JSON: ids, version numbers, {@code If-Match}. */
final class FlowRequests {

    private FlowRequests() {
    }

    /** A flow id from the path; anything that is not an id names no flow. */
    static long flowId(String raw) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // falls through: not an id, so no such flow
        }
        throw ApiException.notFound("Flow " + raw);
    }

    /** An optional version query parameter; null when absent. */
    static Integer version(String raw, String parameter) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            int version = Integer.parseInt(raw.strip());
            if (version > 0) {
                return version;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ApiException(HttpStatus.BAD_REQUEST, "$", "the query parameter '" + parameter
                + "' must be a version number (1, 2, ...), not '" + raw + "'");
    }

    /** The version an {@code If-Match} names: {@code 3}, {@code "3"} or {@code W/"3"}. */
    static int ifMatch(String header) {
        if (header == null || header.isBlank()) {
            throw new ApiException(HttpStatus.PRECONDITION_REQUIRED, "$",
                    "send If-Match with the version you edited (the ETag of GET /api/flows/{id}), "
                            + "so that nobody's save is overwritten");
        }
        String value = header.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            int version = Integer.parseInt(value);
            if (version > 0) {
                return version;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ApiException(HttpStatus.BAD_REQUEST, "$", "If-Match must be the version you edited, e.g. \"3\"; "
                + "it was " + header);
    }

    static String etag(int version) {
        return "\"" + version + "\"";
    }
}
