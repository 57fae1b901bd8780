/**
 * Regions: the installation's RabbitMQ clusters ({@link dev.sluice.region.Regions}) and the links that bring a
 * source's events from its home region into the regions where flows run ({@link dev.sluice.region.RegionLinks}),
 * kept and watched by {@link dev.sluice.region.RegionLinkKeeper} through each cluster's management API.
 */
package dev.sluice.region;
