package dev.sluice.region;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param region  this instance's region ({@code SLUICE_REGION}); blank for the first of {@code regions}
 * @param regions every region of the installation, the same on every instance ({@code SLUICE_REGIONS_0_NAME},
 *                {@code SLUICE_REGIONS_0_AMQPURI}, {@code SLUICE_REGIONS_0_MANAGEMENTURI}, …)
 */
@ConfigurationProperties("sluice")
record RegionProperties(String region, List<Region> regions) {
}
