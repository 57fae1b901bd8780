/**
 * Delivery to the systems at the end of a flow: one {@link dev.sluice.target.Delivery} per target node of a
 * deployed flow version, completing only when the target confirmed (publisher confirm, HTTP 2xx, JDBC commit).
 */
package dev.sluice.target;
