package dev.sluice.workspace;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface GroupRoleRuleRepository extends JpaRepository<GroupRoleRule, Long> {

    List<GroupRoleRule> findAllByOrderByGroupAscIdAsc();
}
