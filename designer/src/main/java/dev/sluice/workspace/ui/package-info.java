/**
 * Home (the workspaces the user can enter), one workspace's page and its members.
 */
@ApplicationModule(displayName = "Workspace UI")
package dev.sluice.workspace.ui;

import org.springframework.modulith.ApplicationModule;
