package dev.sluice.sandbox;

/** Reads the tagged string the driver returns ({@link Lockdown#DRIVER}). */
final class Results {

    private Results() {
    }

    /** The JSON text, or null for a drop. */
    static String unwrap(String tagged, SandboxLimits limits) throws ScriptFailure {
        return switch (tagged.charAt(0)) {
            case 'J' -> tagged.substring(1);
            case 'D' -> null;
            default -> throw failure(tagged.substring(1), limits);
        };
    }

    /** The failure for a driver's reason code ({@code cyclic}, {@code size:123}...). */
    static ScriptFailure failure(String code, SandboxLimits limits) {
        String reason = reason(code, limits);
        // both codes mean the output went over maxOutputChars
        return code.startsWith("size:") || code.startsWith("array:") ? ScriptFailure.overBudget(reason)
                : new ScriptFailure(reason);
    }

    private static String reason(String code, SandboxLimits limits) {
        String[] parts = code.split(":", 3);
        return switch (parts[0]) {
            case "no-process" -> "the code defines no function process(event)";
            case "undefined" -> "process(event) returned nothing: return the event, null to drop it, or an array of "
                    + "events to split it";
            case "type" -> "process(event) returned " + parts[1] + ": return the event, null to drop it, or an array "
                    + "of events to split it";
            case "element" -> "process(event) returned an array whose element [" + parts[1] + "] is " + parts[2]
                    + ", not an event object";
            case "cyclic" -> "process(event) returned an object that refers to itself (cyclic): it cannot be "
                    + "written as JSON";
            case "json" -> "nothing".equals(parts[1])
                    ? "process(event) returned a value that JSON cannot represent"
                    : "process(event) returned a value that cannot be written as JSON (" + parts[1] + ")";
            case "size" -> "process(event) returned " + parts[1] + " characters of JSON, more than the limit of "
                    + limits.maxOutputChars();
            case "array" -> "process(event) grew an array to index " + parts[1] + ", more than its output of at most "
                    + limits.maxOutputChars() + " characters can hold";
            default -> "process(event) broke the contract (" + parts[0] + ")";
        };
    }
}
