package dev.sluice.privacy;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognizers for personal data in free text: each finds candidates with a pattern and keeps only those that pass
 * the format's own check (GB 11643 check digit and birth date, Luhn, IBAN mod-97), so a wrong check digit never
 * matches. Stateless and thread-safe.
 */
public enum Recognizer {

    EMAIL(PiiTags.EMAIL, "(?<![\\w.+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,24}(?![\\w-])"),

    /** Mainland mobile numbers: 1[3-9] and 9 digits, optionally +86 / 0086 / 86 and spaces or dashes as 3-4-4. */
    PHONE(PiiTags.PHONE, "(?<![\\d+])(?:(?:\\+|00)?86[ -]?)?1[3-9]\\d(?:[ -]?\\d{4}){2}(?!\\d)"),

    /** Resident identity numbers (GB 11643-1999): 6-digit region, birth date, sequence, check character. */
    NATIONAL_ID(PiiTags.NATIONAL_ID, "(?<![0-9A-Za-z])\\d{17}[0-9Xx](?![0-9A-Za-z])"),

    /** Payment card numbers: 13 to 19 digits, spaces or dashes allowed, issuer digit 3 to 6, Luhn check. */
    BANK_CARD(PiiTags.BANK_ACCOUNT, "(?<![\\d-])[3-6]\\d(?:[ -]?\\d){11,17}(?![\\d-])"),

    /** IBAN (ISO 13616): country, check digits, up to 30 letters or digits, optionally in groups of four. */
    IBAN(PiiTags.BANK_ACCOUNT, "(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])");

    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK = "10X98765432";
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private final String tag;
    private final Pattern pattern;

    Recognizer(String tag, String regex) {
        this.tag = tag;
        this.pattern = Pattern.compile(regex);
    }

    /** The PII tag a match suggests. */
    public String tag() {
        return tag;
    }

    /** True when the whole text (trimmed) is one such value. */
    public boolean matches(String text) {
        String value = text.strip();
        return find(value).stream().anyMatch(match -> match.length() == value.length());
    }

    /** The valid values of this kind found anywhere in {@code text}, in order. */
    public List<String> find(String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            if (valid(matcher.group())) {
                found.add(matcher.group());
            }
        }
        return found;
    }

    private boolean valid(String candidate) {
        return switch (this) {
            case EMAIL, PHONE -> true;
            case NATIONAL_ID -> validResidentId(candidate);
            case BANK_CARD -> luhn(candidate.replaceAll("[ -]", ""));
            case IBAN -> validIban(candidate.replace(" ", ""));
        };
    }

    static boolean validResidentId(String id) {
        if (!id.matches("\\d{17}[0-9Xx]")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        if (Character.toUpperCase(id.charAt(17)) != ID_CHECK.charAt(sum % 11)) {
            return false;
        }
        try {
            LocalDate born = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
            return born.getYear() >= 1900 && !born.isAfter(LocalDate.now());
        } catch (DateTimeException e) {
            return false;
        }
    }

    static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    static boolean validIban(String iban) {
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        StringBuilder numeric = new StringBuilder();
        for (char c : (iban.substring(4) + iban.substring(0, 4)).toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(numeric.toString()).mod(NINETY_SEVEN).intValue() == 1;
    }
}
