package dev.sluice.pipeline;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    @Bean
    NodeRegistry nodeRegistry() {
        return NodeRegistry.builtIn();
    }

    @Bean
    FlowValidator flowValidator(NodeRegistry registry) {
        return new FlowValidator(registry);
    }
}
