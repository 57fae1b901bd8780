package dev.sluice.audit;

import java.util.List;

/** RFC 4180 rows; cells that a spreadsheet would run as a formula are prefixed with a quote. */
final class AuditCsv {

    static final List<String> COLUMNS = List.of("id", "time", "actor", "workspace", "action", "object_type",
            "object_id", "outcome", "details", "prev_hash", "hash");
    static final String HEADER = String.join(",", COLUMNS) + "\r\n";

    private AuditCsv() {
    }

    static String row(AuditEntry e) {
        return String.join(",", List.of(String.valueOf(e.id()), e.at().toString(), cell(e.actor()),
                cell(e.workspace()), cell(e.action()), cell(e.objectType()), cell(e.objectId()), e.outcome(),
                cell(e.details()), e.prevHash(), e.hash())) + "\r\n";
    }

    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
