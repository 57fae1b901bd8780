package dev.sluice.audit;

import java.util.Map;

/**
 * What to write to the audit log; the log adds number, time and hashes.
 *
 * @param workspace the workspace the object belongs to, or {@code null} for platform-wide actions
 * @param details   small facts about the action (counts, versions, a diff); never event payload values
 */
public record AuditRecord(String actor, String workspace, String action, String objectType, String objectId,
                          Outcome outcome, Map<String, ?> details) {

    public enum Outcome {
        SUCCESS, FAILURE, DENIED
    }

    public static AuditRecord success(String actor, String workspace, String action, String objectType,
                                      Object objectId, Map<String, ?> details) {
        return new AuditRecord(actor, workspace, action, objectType, objectId == null ? null : objectId.toString(),
                Outcome.SUCCESS, details);
    }
}
