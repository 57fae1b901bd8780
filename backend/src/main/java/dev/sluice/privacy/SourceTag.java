package dev.sluice.privacy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import dev.sluice.source.EventSource;

/** One PII tag a steward set on a field of a source. */
@Entity
@Table(name = "source_pii_tags")
class SourceTag {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "source_id")
    private EventSource source;

    @Column(nullable = false, length = 1000)
    private String path;

    @Column(nullable = false, length = 64)
    private String tag;

    protected SourceTag() {
    }

    SourceTag(EventSource source, String path, String tag) {
        this.source = source;
        this.path = path;
        this.tag = tag;
    }

    String path() {
        return path;
    }

    String tag() {
        return tag;
    }
}
