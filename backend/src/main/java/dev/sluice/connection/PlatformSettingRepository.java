package dev.sluice.connection;

import org.springframework.data.jpa.repository.JpaRepository;

interface PlatformSettingRepository extends JpaRepository<PlatformSetting, String> {
}
