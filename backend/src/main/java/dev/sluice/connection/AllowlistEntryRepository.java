package dev.sluice.connection;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface AllowlistEntryRepository extends JpaRepository<AllowlistEntry, Long> {

    List<AllowlistEntry> findAllByOrderByEntryAsc();
}
