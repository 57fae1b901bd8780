package dev.sluice.source;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface EventSourceRepository extends JpaRepository<EventSource, Long> {

    Optional<EventSource> findByName(String name);

    List<EventSource> findAllByOrderByNameAsc();
}
