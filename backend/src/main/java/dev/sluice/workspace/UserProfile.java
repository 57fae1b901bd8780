package dev.sluice.workspace;

import java.util.List;

/** Who a signed-in user is: name, platform role and the workspaces they may enter. */
public record UserProfile(String username, String displayName, PlatformRole platformRole,
                          List<WorkspaceAccess> workspaces) {

    /** "Platform admin", "Auditor", or the workspace roles, for headers and menus. */
    public String roleSummary() {
        if (platformRole == PlatformRole.ADMIN) {
            return "Platform admin";
        }
        if (platformRole == PlatformRole.AUDITOR) {
            return "Auditor";
        }
        if (workspaces.isEmpty()) {
            return "No workspace yet";
        }
        return String.join(", ", workspaces.stream()
                .map(w -> capitalize(w.role().name()) + " in " + w.workspace())
                .toList());
    }

    private static String capitalize(String role) {
        return role.charAt(0) + role.substring(1).toLowerCase();
    }
}
