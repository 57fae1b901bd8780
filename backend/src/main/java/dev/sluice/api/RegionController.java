package dev.sluice.api;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.sluice.region.Region;
import dev.sluice.region.RegionLinkKeeper;
import dev.sluice.region.RegionLinks;
import dev.sluice.region.Regions;
import dev.sluice.workspace.WorkspaceManagement;

/**
 * {@code GET /api/regions}: the installation's regions and this instance's, for everyone who deploys flows; for
 * platform admins also each region's addresses and the state of every link between them (running, starting or
 * down, the events waiting at home, the last error), as last checked.
 */
@RestController
class RegionController {

    private final Regions regions;
    private final ObjectProvider<RegionLinkKeeper> keeper;
    private final WorkspaceManagement management;

    RegionController(Regions regions, ObjectProvider<RegionLinkKeeper> keeper, WorkspaceManagement management) {
        this.regions = regions;
        this.keeper = keeper;
        this.management = management;
    }

    @GetMapping("/api/regions")
    ResponseEntity<String> regions(Principal principal) {
        boolean admin = management.isAdmin(principal.getName());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("here", regions.here());
        answer.put("regions", regions.names().stream().map(name -> describe(name, admin)).toList());
        RegionLinkKeeper links = keeper.getIfAvailable();
        if (admin && links != null) {
            answer.put("checkedAt", links.checkedAt() == null ? null : links.checkedAt().toString());
            answer.put("links", links.states().stream().map(RegionController::describe).toList());
        }
        return FlowController.json(answer);
    }

    private Map<String, Object> describe(String name, boolean admin) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        Region region = regions.find(name).orElse(null);
        if (admin && region != null) {
            out.put("amqp", region.amqpAddress());
            out.put("management", region.managementUri() == null ? null : region.managementUri().toString());
            out.put("linkable", region.linkable());
        }
        return out;
    }

    private static Map<String, Object> describe(RegionLinks.LinkState state) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", state.link().source());
        out.put("from", state.link().home());
        out.put("to", state.link().region());
        out.put("state", state.state().name().toLowerCase());
        out.put("backlog", state.backlog() < 0 ? null : state.backlog());
        out.put("error", state.error());
        return out;
    }
}
