package dev.sluice.privacy;

import java.util.Map;

/** The PII tags of {@code source} were replaced; published in the changing transaction. */
public record PiiTagsChanged(String source, String owner, Map<String, String> before, Map<String, String> after,
                             String by) {
}
