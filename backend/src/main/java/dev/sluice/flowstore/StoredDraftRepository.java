package dev.sluice.flowstore;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface StoredDraftRepository extends JpaRepository<StoredDraft, Long> {

    Optional<StoredDraft> findByFlowIdAndUsername(long flowId, String username);

    @Modifying
    @Query("delete from StoredDraft d where d.flowId = :flowId and d.username = :username")
    void deleteByFlowAndUser(long flowId, String username);

    @Modifying
    @Query("delete from StoredDraft d where d.flowId = :flowId")
    void deleteByFlow(long flowId);
}
