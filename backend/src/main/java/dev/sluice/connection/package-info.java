/**
 * Connections: the named endpoints (a database, another RabbitMQ, an HTTP base URL) a workspace's targets reach,
 * with their credentials as secret references, defined by workspace owners and platform admins and checked against
 * the host allowlist platform admins keep. Targets see them through {@link dev.sluice.target.WorkspaceReach}.
 */
package dev.sluice.connection;
