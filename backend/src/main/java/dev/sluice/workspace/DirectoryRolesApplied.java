package dev.sluice.workspace;

import java.util.List;
import java.util.Map;

/**
 * A directory user signed in and their group rules gave them roles other than they held: {@code before} and
 * {@code after} map workspace names to roles, {@code platform*} the platform role (null for none). Published in
 * the applying transaction; sign-ins that change nothing publish nothing.
 */
public record DirectoryRolesApplied(String username, AccountOrigin origin, List<String> groups, boolean created,
                                    PlatformRole platformBefore, PlatformRole platformAfter,
                                    Map<String, WorkspaceRole> before, Map<String, WorkspaceRole> after) {
}
