package dev.sluice.workspace;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface MembershipRepository extends JpaRepository<Membership, Long> {

    List<Membership> findByUserUsernameOrderByWorkspaceNameAsc(String username);
}
