package dev.sluice.privacy;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface SourceTagRepository extends JpaRepository<SourceTag, Long> {

    @Query("select t from SourceTag t where t.source.name = :source order by t.path")
    List<SourceTag> findBySourceName(String source);

    @Modifying(flushAutomatically = true)
    @Query("delete from SourceTag t where t.source.id = :sourceId")
    void deleteBySource(Long sourceId);
}
