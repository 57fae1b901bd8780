/**
 * The latest event of every key of every source, kept in the database by the engine: what a flow deployed from a
 * snapshot, or resynced, starts from.
 */
package dev.sluice.latest;
