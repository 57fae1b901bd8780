package dev.sluice.template;

/**
 * {@code $mask}: hides personal data in what a template writes, as the {@code mask} node does for fields.
 * A missing value gives null.
 */
public final class MaskTool implements Toolbox {

    private static final String REDACTED = "[REDACTED]";

    /** Keeps the first {@code keepFirst} and last {@code keepLast} characters, stars the rest. */
    public String partial(Object value, int keepFirst, int keepLast) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        int first = Math.clamp(keepFirst, 0, text.length());
        int last = Math.clamp(keepLast, 0, text.length() - first);
        return text.substring(0, first) + "*".repeat(text.length() - first - last) + text.substring(text.length() - last);
    }

    /** {@code zhang.san@mail.example.cn} → {@code z*******@mail.example.cn}. */
    public String email(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        int at = text.indexOf('@');
        return at <= 0 ? partial(text, 0, 0) : partial(text.substring(0, at), 1, 0) + text.substring(at);
    }

    /** {@code 19159083016} → {@code 191****3016}: the first 3 and last 4 digits stay. */
    public String phone(Object value) {
        return value == null ? null : partial(value, 3, 4);
    }

    /** {@code [REDACTED]}, whatever the value. */
    public String redact(Object value) {
        return REDACTED;
    }
}
