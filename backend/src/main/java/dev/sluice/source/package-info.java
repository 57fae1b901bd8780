/**
 * The catalog of event sources: named CloudEvent streams, their event types, which workspaces may subscribe to
 * them, HTTP ingest, and the recent events of each kept on the broker for previews.
 */
package dev.sluice.source;
