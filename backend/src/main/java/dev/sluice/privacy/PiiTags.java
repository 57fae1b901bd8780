package dev.sluice.privacy;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.sluice.pipeline.EventPath;

/**
 * The PII tags a steward set on one source's fields: JSONPath of the field → tag. A tag covers everything below its
 * field ({@code $.data.contact} covers {@code $.data.contact.phone}); {@code [*]} tags every element of an array.
 * Tags are the well-known ones below or a custom lowercase word ({@code medical-record}). Immutable.
 *
 * @param source the event source ({@code user-center.users})
 * @param fields field path → tag
 */
public record PiiTags(String source, Map<String, String> fields) {

    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String NATIONAL_ID = "national-id";
    public static final String BANK_ACCOUNT = "bank-account";
    public static final String NAME = "name";
    public static final String ADDRESS = "address";
    public static final String BIRTH_DATE = "birth-date";

    public static final Set<String> WELL_KNOWN = Set.of(EMAIL, PHONE, NATIONAL_ID, BANK_ACCOUNT, NAME, ADDRESS,
            BIRTH_DATE);

    /** @throws IllegalArgumentException for a path that does not parse or a tag that is not a lowercase word */
    public PiiTags {
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(fields));
        fields.forEach((path, tag) -> {
            EventPath.compile(path);
            if (tag == null || !tag.matches("[a-z][a-z0-9-]{0,62}")) {
                throw new IllegalArgumentException("tag of " + path + " must be a lowercase word such as phone or"
                        + " medical-record, not '" + tag + "'");
            }
        });
    }
}
