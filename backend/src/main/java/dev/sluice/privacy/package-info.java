/**
 * Privacy by default: recognizers that spot personal data in events, PII tags on a source's fields, per-workspace
 * clearances, and the leak guard that traces tagged fields through a flow to its targets. Not wired into Spring yet.
 */
package dev.sluice.privacy;
