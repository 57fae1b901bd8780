/**
 * The flow language: a flow's model as plain records, its JSON (import and export, canonical and
 * diff-friendly), its validation that reports every problem with its JSON path, and its stored versions.
 */
package dev.sluice.flow;
