package dev.sluice.workspace;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface MembershipRepository extends JpaRepository<Membership, Long> {

    List<Membership> findByUserUsernameOrderByWorkspaceNameAsc(String username);

    List<Membership> findByWorkspaceNameOrderByUserUsernameAsc(String workspace);

    Optional<Membership> findByUserUsernameAndWorkspaceName(String username, String workspace);
}
