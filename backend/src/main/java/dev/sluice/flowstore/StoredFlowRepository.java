package dev.sluice.flowstore;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface StoredFlowRepository extends JpaRepository<StoredFlow, Long> {

    List<StoredFlow> findByWorkspaceNameInOrderByWorkspaceNameAscNameAsc(Collection<String> workspaces);

    List<StoredFlow> findAllByOrderByWorkspaceNameAscNameAsc();

    List<StoredFlow> findByState(FlowState state);

    boolean existsByWorkspaceNameAndName(String workspace, String name);

    /** Reads the flow row for update, so that concurrent saves of one flow queue up instead of racing. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select f from StoredFlow f where f.id = :id")
    Optional<StoredFlow> findForUpdate(Long id);
}
