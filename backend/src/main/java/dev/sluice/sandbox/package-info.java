/**
 * The one place that runs JavaScript (STYLE.md 6): GraalJS in one shared engine, a bounded pool of locked-down
 * contexts per compiled script, and a watchdog that holds every event to its time, statement and allocation
 * budget. A hostile or broken script fails its own event, never the engine, another flow or the host.
 */
package dev.sluice.sandbox;
