/**
 * What a fresh installation starts with: the demo workspaces, source and users on the embedded default,
 * or the first admin elsewhere.
 */
package dev.sluice.demo;
