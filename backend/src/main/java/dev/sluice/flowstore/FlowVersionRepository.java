package dev.sluice.flowstore;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface FlowVersionRepository extends JpaRepository<FlowVersion, FlowVersion.Key> {

    Optional<FlowVersion> findByFlowIdAndVersion(long flowId, int version);

    List<FlowVersion> findByFlowIdOrderByVersionAsc(long flowId);

    @Modifying
    @Query("delete from FlowVersion v where v.flowId = :flowId")
    void deleteByFlow(long flowId);
}
