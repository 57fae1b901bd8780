package dev.sluice.api;

import java.security.Principal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.sluice.workspace.UserProfile;
import dev.sluice.workspace.WorkspaceService;

/** {@code GET /api/me}: who the caller is, their platform role and workspaces. */
@RestController
@RequestMapping("/api/me")
class MeController {

    private final WorkspaceService workspaces;

    MeController(WorkspaceService workspaces) {
        this.workspaces = workspaces;
    }

    @GetMapping
    UserProfile me(Principal principal) {
        return workspaces.profile(principal.getName());
    }
}
