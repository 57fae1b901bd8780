/**
 * Stored flows: each save an immutable, numbered version of the canonical flow JSON, read and written only
 * through {@link dev.sluice.flowstore.FlowStore}, which checks the acting user's workspace role on every call.
 */
package dev.sluice.flowstore;
