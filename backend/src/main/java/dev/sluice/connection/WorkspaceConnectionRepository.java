package dev.sluice.connection;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface WorkspaceConnectionRepository extends JpaRepository<WorkspaceConnection, Long> {

    List<WorkspaceConnection> findByWorkspaceNameOrderByNameAsc(String workspace);

    Optional<WorkspaceConnection> findByWorkspaceNameAndName(String workspace, String name);
}
