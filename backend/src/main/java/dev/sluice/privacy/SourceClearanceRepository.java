package dev.sluice.privacy;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface SourceClearanceRepository extends JpaRepository<SourceClearance, Long> {

    @Query("select c from SourceClearance c where c.source.name = :source order by c.workspace.name, c.tag")
    List<SourceClearance> findBySourceName(String source);

    @Modifying(flushAutomatically = true)
    @Query("delete from SourceClearance c where c.source.id = :sourceId and c.workspace.name = :workspace")
    void deleteBySourceAndWorkspace(Long sourceId, String workspace);
}
