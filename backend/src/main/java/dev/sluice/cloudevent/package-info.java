/**
 * CloudEvents 1.0 as Sluice reads them: the attribute rules of the core specification and the JSON event format
 * ({@link dev.sluice.cloudevent.CloudEventRules}), and the HTTP and AMQP protocol bindings that bring events in
 * ({@link dev.sluice.cloudevent.HttpCloudEvents}, {@link dev.sluice.cloudevent.AmqpCloudEvents}). Every way in
 * ends in the same rules and the same stored form, so the engine never meets an event that ingest accepted and it
 * cannot read.
 */
package dev.sluice.cloudevent;
