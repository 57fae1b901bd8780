package dev.sluice.secret;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface WorkspaceSecretRepository extends JpaRepository<WorkspaceSecret, Long> {

    List<WorkspaceSecret> findByWorkspaceNameOrderByNameAsc(String workspace);

    Optional<WorkspaceSecret> findByWorkspaceNameAndName(String workspace, String name);
}
