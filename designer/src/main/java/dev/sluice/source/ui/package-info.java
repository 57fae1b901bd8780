/**
 * The source catalog and one source's page with its fields, PII tags and grants.
 */
@ApplicationModule(displayName = "Source UI")
package dev.sluice.source.ui;

import org.springframework.modulith.ApplicationModule;
