/**
 * Platform administration pages: workspaces, users and the hosts connections may reach.
 */
@ApplicationModule(displayName = "Admin UI")
package dev.sluice.admin.ui;

import org.springframework.modulith.ApplicationModule;
