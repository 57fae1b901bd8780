package dev.sluice.connection;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "connection_allowlist")
class AllowlistEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 300, unique = true)
    private String entry;

    @Column(length = 500)
    private String note;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;

    protected AllowlistEntry() {
    }

    AllowlistEntry(String entry, String note, String by, Instant at) {
        this.entry = entry;
        this.note = note;
        this.createdBy = by;
        this.createdAt = at;
    }

    String getEntry() {
        return entry;
    }

    String getNote() {
        return note;
    }
}
