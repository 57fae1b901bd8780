/**
 * The engine: turns deployed flow versions into RabbitMQ topology and consumers, runs the compiled
 * pipeline per event, delivers to every target and acks only after all confirmed; retries transient
 * failures through per-flow delay queues and dead-letters the rest, with the reason in headers.
 */
package dev.sluice.engine;
