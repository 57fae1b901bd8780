package dev.sluice.flowstore;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface LeakExceptionRepository extends JpaRepository<LeakException, Long> {

    Optional<LeakException> findByFlowIdAndVersion(long flowId, int version);
}
