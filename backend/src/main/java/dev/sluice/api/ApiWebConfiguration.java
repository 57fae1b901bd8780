package dev.sluice.api;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The servlet filters of {@code /api/**}, before the security chain so that they also see its refusals. */
@Configuration(proxyBeanMethods = false)
class ApiWebConfiguration {

    @Bean
    FilterRegistrationBean<ApiErrorFilter> apiErrorFilter() {
        FilterRegistrationBean<ApiErrorFilter> registration = new FilterRegistrationBean<>(new ApiErrorFilter());
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
