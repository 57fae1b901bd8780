/**
 * The REST API under {@code /api}: HTTP Basic, JSON, errors as {@code {"errors": [{"path", "message"}]}}.
 */
package dev.sluice.api;
