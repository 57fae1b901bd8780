/**
 * Backing an installation up and moving it: workspaces, users, sources, flows with every version, connections and
 * rules to a file, and back into a new database, embedded or PostgreSQL. Secrets are left out (re-entered after),
 * and the audit log goes to a file of its own ({@code audit.AuditArchive}).
 */
package dev.sluice.backup;
