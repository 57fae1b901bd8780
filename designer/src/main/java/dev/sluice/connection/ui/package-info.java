/**
 * A workspace's connections page and the dialog that adds, changes and tests one.
 */
@ApplicationModule(displayName = "Connection UI")
package dev.sluice.connection.ui;

import org.springframework.modulith.ApplicationModule;
