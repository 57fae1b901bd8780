/**
 * How one Sluice process is set up: the data directory, the embedded defaults (H2 and an in-process
 * broker) and the diagnosis printed when a configured service cannot be reached.
 */
package dev.sluice.platform;
