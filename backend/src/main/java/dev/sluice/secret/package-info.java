/**
 * Secrets of a workspace (target passwords, HMAC keys): encrypted at rest with AES-GCM under the master key,
 * never shown again after they are set, never exported; the engine reads them through
 * {@link dev.sluice.engine.WorkspaceSecrets}.
 */
package dev.sluice.secret;
