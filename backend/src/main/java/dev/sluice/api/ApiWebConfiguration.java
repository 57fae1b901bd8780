package dev.sluice.api;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/** The servlet filters of {@code /api/**}, before the security chain so that they also see its refusals. */
@Configuration(proxyBeanMethods = false)
class ApiWebConfiguration {

    @Bean
    FilterRegistrationBean<ApiErrorFilter> apiErrorFilter() {
        FilterRegistrationBean<ApiErrorFilter> registration = new FilterRegistrationBean<>(new ApiErrorFilter());
        registration.addUrlPatterns("/api/*", "/error");
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimit> apiRequestBodyLimit(
            @Value("${sluice.api.max-body-size:16MB}") DataSize maxBodySize) {
        FilterRegistrationBean<RequestBodyLimit> registration =
                new FilterRegistrationBean<>(new RequestBodyLimit(maxBodySize.toBytes()));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
        return registration;
    }
}
