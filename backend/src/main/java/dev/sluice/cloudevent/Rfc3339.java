package dev.sluice.cloudevent;

/**
 * Whether text is an RFC 3339 date-time ({@code 2026-01-31T12:00:00.5+08:00}): by hand, because it runs for
 * every event the engine reads and a regex plus {@code java.time} parse cost more than the rest of the rules.
 * Checks field ranges, days per month with leap years, a leap second {@code :60}, and lower-case {@code t}/{@code z}.
 */
final class Rfc3339 {

    private Rfc3339() {
    }

    static boolean isDateTime(String text) {
        // yyyy-mm-ddThh:mm:ss is 19 characters, then fractions, then Z or ±hh:mm
        if (text.length() < 20 || text.charAt(4) != '-' || text.charAt(7) != '-'
                || (text.charAt(10) != 'T' && text.charAt(10) != 't') || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return false;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 60) {
            return false;
        }
        int at = 19;
        if (text.charAt(at) == '.') {
            int digits = 0;
            while (++at < text.length() && isDigit(text.charAt(at))) {
                digits++;
            }
            if (digits == 0 || at == text.length()) {
                return false;
            }
        }
        char zone = text.charAt(at);
        if (zone == 'Z' || zone == 'z') {
            return at + 1 == text.length();
        }
        return (zone == '+' || zone == '-') && at + 6 == text.length() && text.charAt(at + 3) == ':'
                && number(text, at + 1, 2) >= 0 && number(text, at + 1, 2) <= 23
                && number(text, at + 4, 2) >= 0 && number(text, at + 4, 2) <= 59;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** The decimal number in {@code length} characters from {@code from}, or -1 when they are not all digits. */
    private static int number(String text, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
