/**
 * Components that let people choose the workspace's secrets by name (a secret reference, a map of text or
 * secrets), shared by the node forms and the connection dialog. Values are never shown, only names.
 */
@ApplicationModule(displayName = "Secret UI", type = ApplicationModule.Type.OPEN)
@NamedInterface("ui")
package dev.sluice.secret.ui;

import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.NamedInterface;
