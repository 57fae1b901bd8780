package dev.sluice.flowstore;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface LeakExemptionRepository extends JpaRepository<LeakExemption, Long> {

    Optional<LeakExemption> findByFlowIdAndVersion(long flowId, int version);
}
