package dev.sluice.flow.ui;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.json.Json;
import dev.sluice.privacy.PiiTags;

/**
 * The mask rule the field picker suggests for a field, by its PII tag: one that hides the tag's values (see
 * {@code MaskHiding}) yet keeps what stewards usually need, among the modes the rule schema offers; redact when
 * nothing better fits.
 */
final class SuggestedMasks {

    static final String REDACT = "redact";
    static final String REMOVE = "remove";

    private SuggestedMasks() {
    }

    /**
     * @param tag     the field's PII tag, null when it has none
     * @param modes   the modes the rule schema offers
     * @param secrets the workspace's secret names, to key a hash
     */
    static ObjectNode mask(String path, String tag, List<String> modes, List<String> secrets) {
        ObjectNode rule = Json.MAPPER.createObjectNode().put("path", path);
        String mode = switch (tag == null ? "" : tag) {
            case PiiTags.PHONE -> "phone";
            case PiiTags.EMAIL -> "email";
            case PiiTags.BANK_ACCOUNT -> "partial";
            case PiiTags.BIRTH_DATE -> "generalize";
            case PiiTags.NATIONAL_ID -> secrets.isEmpty() ? REDACT : "hash";
            default -> REDACT;
        };
        if (!modes.contains(mode)) {
            mode = REDACT;
        }
        rule.put("mode", mode);
        switch (mode) {
            case "partial" -> rule.put("keepLast", 4);
            case "generalize" -> rule.put("to", "year");
            case "hash" -> rule.put("secret", secrets.getFirst());
            default -> {
            }
        }
        return rule;
    }

    static ObjectNode remove(String path) {
        return Json.MAPPER.createObjectNode().put("path", path).put("mode", REMOVE);
    }
}
