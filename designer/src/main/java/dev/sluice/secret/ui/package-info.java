/**
 * Components that let people choose the workspace's secrets by name (a secret reference, a map of text or
 * secrets), shared by the node forms and the connection dialog. Values are never shown, only names.
 */
package dev.sluice.secret.ui;
