/**
 * The flows of a workspace and the flow editor: canvas, node forms, preview, tests, versions and runs.
 */
@ApplicationModule(displayName = "Flow UI")
package dev.sluice.flow.ui;

import org.springframework.modulith.ApplicationModule;
