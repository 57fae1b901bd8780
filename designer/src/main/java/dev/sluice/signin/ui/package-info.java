/**
 * A user's personal API tokens: create, copy once, revoke; platform admins also see and revoke everyone's.
 */
@ApplicationModule(displayName = "API tokens UI")
package dev.sluice.signin.ui;

import org.springframework.modulith.ApplicationModule;
