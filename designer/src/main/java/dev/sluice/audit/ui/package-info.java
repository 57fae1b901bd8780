/**
 * The audit log page: filters, entry details with the flow diff, CSV export and chain verification.
 */
@ApplicationModule(displayName = "Audit UI")
package dev.sluice.audit.ui;

import org.springframework.modulith.ApplicationModule;
