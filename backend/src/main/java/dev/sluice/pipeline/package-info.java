/**
 * What flows are made of and how they run: the node kinds (each declared in one class with its config
 * schema, example, validation and runtime step), the registry of kinds, and the compiled pipeline that
 * both dry-run and the engine execute.
 */
package dev.sluice.pipeline;
