package dev.sluice.region;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegionProperties.class)
class RegionConfiguration {

    @Bean
    Regions regions(RegionProperties properties) {
        return new Regions(properties.region(), properties.regions());
    }

    @Bean
    RegionLinks regionLinks(Regions regions, @Value("${sluice.engine.queue-prefix:sluice}") String prefix) {
        return new RegionLinks(regions, prefix);
    }

    /** The control plane (designer instances) keeps the links the flows need and watches them. */
    @Bean
    @ConditionalOnExpression("'${sluice.roles:designer,engine}'.contains('designer')")
    RegionLinkKeeper regionLinkKeeper(Regions regions, RegionLinks links, ObjectProvider<LinkNeeds> needs,
                                      MeterRegistry meters) {
        return new RegionLinkKeeper(regions, links, () -> needs.getIfAvailable(() -> java.util.List::of).needed(),
                meters);
    }
}
