package dev.sluice.privacy;

import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

interface PrivacyAlertRepository extends JpaRepository<PrivacyAlert, Long> {

    List<PrivacyAlert> findByFlowIdOrderByDetectedAtDescIdDesc(long flowId, Limit limit);

    long countByFlowId(long flowId);
}
