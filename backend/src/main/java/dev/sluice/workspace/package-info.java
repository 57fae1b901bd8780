/**
 * Workspaces (business units), users, their memberships and roles, and who may do what.
 */
package dev.sluice.workspace;
