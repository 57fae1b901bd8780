package dev.sluice.connection;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "platform_settings")
class PlatformSetting {

    static final String ONLY_LISTED = "connections.only-listed";

    @Id
    @Column(length = 100)
    private String name;

    @Column(name = "setting_value", nullable = false, length = 2000)
    private String value;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by", nullable = false, length = 64)
    private String updatedBy;

    protected PlatformSetting() {
    }

    PlatformSetting(String name, String value, String by, Instant at) {
        this.name = name;
        set(value, by, at);
    }

    void set(String value, String by, Instant at) {
        this.value = value;
        this.updatedBy = by;
        this.updatedAt = at;
    }

    String getValue() {
        return value;
    }
}
