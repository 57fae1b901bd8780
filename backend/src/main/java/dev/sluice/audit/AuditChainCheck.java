package dev.sluice.audit;

/**
 * Walks the chain entry by entry, oldest first: each must be numbered next, match its own hash and link to the one
 * before; the head must name the last. Remembers the first entry that does not.
 */
final class AuditChainCheck {

    private long seen;
    private long expectedId = 1;
    private String previousHash = AuditChain.GENESIS;
    private AuditVerification.BadEntry firstBad;

    void accept(AuditEntry entry) {
        seen++;
        if (firstBad == null) {
            if (entry.id() != expectedId) {
                firstBad = new AuditVerification.BadEntry(expectedId, entry.id() > expectedId
                        ? "entry " + expectedId + " is missing (the next stored entry is " + entry.id() + ")"
                        : "entry " + entry.id() + " is out of place (expected " + expectedId + ")", entry);
            } else if (!AuditChain.hash(entry).equals(entry.hash())) {
                firstBad = new AuditVerification.BadEntry(entry.id(),
                        "its content does not match its hash: it was changed after it was written", entry);
            } else if (!entry.prevHash().equals(previousHash)) {
                firstBad = new AuditVerification.BadEntry(entry.id(), "it does not link to the hash of entry "
                        + (entry.id() - 1) + ": that entry was changed or replaced", entry);
            }
        }
        expectedId = entry.id() + 1;
        previousHash = entry.hash();
    }

    AuditVerification finish(AuditStore.Head head) {
        if (firstBad == null && (head.entries() != expectedId - 1 || !head.lastHash().equals(previousHash))) {
            firstBad = new AuditVerification.BadEntry(expectedId, head.entries() > expectedId - 1
                    ? "entries from " + expectedId + " to " + head.entries() + " are missing"
                    : "the chain head does not match the last entry " + (expectedId - 1), null);
        }
        return new AuditVerification(firstBad == null, seen, firstBad);
    }
}
