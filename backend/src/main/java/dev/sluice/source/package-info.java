/**
 * The catalog of event sources: named CloudEvent streams, their event types and which workspaces may
 * subscribe to them.
 */
package dev.sluice.source;
