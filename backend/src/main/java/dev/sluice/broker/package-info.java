/**
 * The AMQP 0-9-1 connection the engine runs on: RabbitMQ when {@code SLUICE_AMQP_URI} is set, otherwise
 * an embedded Qpid Broker-J with a persistent store under the data directory.
 */
package dev.sluice.broker;
