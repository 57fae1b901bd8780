/**
 * Traces of events through Sluice (OpenTelemetry through Micrometer Tracing): ingest, each flow, node and target,
 * linked across the broker by the CloudEvents {@code traceparent} extension; off until an OTLP endpoint is set.
 */
package dev.sluice.tracing;
