package dev.sluice.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/** Pieces the kinds' describers ({@link NodeSpec#describedBy}) share, so their lines read alike. */
public final class Descriptions {

    private Descriptions() {
    }

    /** A JSONPath's last field: {@code $.data.payment.bankAccount} is {@code bankAccount}. */
    public static String field(String path) {
        if (path == null) {
            return "";
        }
        String plain = path.replaceAll("\\[[^]]*]$", "").replaceAll("\\[[^]]*]", "");
        int dot = plain.lastIndexOf('.');
        String last = dot >= 0 ? plain.substring(dot + 1) : plain;
        return last.isEmpty() || last.equals("$") ? path : last;
    }

    /**
     * The first item described, then how many more there are: {@code bankAccount → last 4 (+5)}. Empty when the
     * list is.
     */
    public static String firstAndCount(JsonNode items, Function<JsonNode, String> describe) {
        if (items == null || !items.isArray() || items.isEmpty()) {
            return "";
        }
        String first = describe.apply(items.get(0));
        return items.size() == 1 ? first : first + " (+" + (items.size() - 1) + ")";
    }

    /** The text values of an array, joined: {@code [a, b]} is {@code a, b}. */
    public static String joined(JsonNode values, String separator) {
        List<String> texts = new ArrayList<>();
        if (values != null && values.isArray()) {
            values.forEach(value -> texts.add(value.isValueNode() ? value.asText() : value.toString()));
        }
        return String.join(separator, texts);
    }
}
