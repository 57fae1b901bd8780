/**
 * The audit log: who did what, when, in which workspace, with what outcome. Append-only and hash-chained,
 * so any changed, deleted or reordered entry is found by {@link dev.sluice.audit.AuditLog#verify}.
 */
package dev.sluice.audit;
