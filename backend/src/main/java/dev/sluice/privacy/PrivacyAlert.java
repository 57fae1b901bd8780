package dev.sluice.privacy;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One finding of the run-time check on a flow, kept so every instance's status shows it. */
@Entity
@Table(name = "privacy_alerts")
class PrivacyAlert {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "flow_id", nullable = false)
    private long flowId;

    @Column(nullable = false)
    private int version;

    @Column(nullable = false, length = 200)
    private String target;

    @Column(nullable = false, length = 1000)
    private String path;

    @Column(nullable = false, length = 64)
    private String tag;

    @Column(name = "event_id", nullable = false, length = 500)
    private String eventId;

    @Column(name = "detected_at", nullable = false)
    private Instant detectedAt;

    protected PrivacyAlert() {
    }

    PrivacyAlert(long flowId, int version, String target, String path, String tag, String eventId) {
        this.flowId = flowId;
        this.version = version;
        this.target = cut(target, 200);
        this.path = cut(path, 1000);
        this.tag = tag;
        this.eventId = cut(eventId, 500);
        this.detectedAt = Instant.now();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    int getVersion() {
        return version;
    }

    String getTarget() {
        return target;
    }

    String getPath() {
        return path;
    }

    String getTag() {
        return tag;
    }

    String getEventId() {
        return eventId;
    }

    Instant getDetectedAt() {
        return detectedAt;
    }
}
