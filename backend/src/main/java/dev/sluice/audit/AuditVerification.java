package dev.sluice.audit;

/**
 * The result of checking the whole chain: {@code ok} when every entry hashes to its stored hash, links to the
 * previous entry's hash, is numbered one after the previous one, and the last one matches the chain head.
 *
 * @param firstBad the first entry that breaks the chain (or the position of a missing one), else {@code null}
 */
public record AuditVerification(boolean ok, long entries, BadEntry firstBad) {

    /** Where the chain breaks: the entry's number, why, and the entry as stored when there is one. */
    public record BadEntry(long id, String reason, AuditEntry entry) {
    }
}
