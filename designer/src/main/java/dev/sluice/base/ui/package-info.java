/**
 * What every view shares: the main layout with its menu, the login view and the notice for a refused action.
 * Open to every feature's views (a named interface of the base module).
 */
@ApplicationModule(displayName = "Shared UI", type = ApplicationModule.Type.OPEN)
@NamedInterface("ui")
package dev.sluice.base.ui;

import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.NamedInterface;
