package dev.sluice.api;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import dev.sluice.signin.ApiTokenSignIn;
import dev.sluice.signin.SingleSignOn;

/**
 * {@code /api/**} and {@code /actuator/**}: stateless, HTTP Basic, personal API tokens (and the identity provider's
 * bearer tokens when one is configured), no CSRF (no cookies to ride on).
 * Ordered before the UI's chain, which handles everything else with a login form. Anonymous callers get the
 * health status, the OpenAPI document and the flow schema; metrics name every workspace's flows, so they are
 * for platform admins. Answers are JSON, never to be rendered or framed: the strictest content policy fits.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, DeniedRequests denied,
                                               ApiTokenSignIn apiTokens, ObjectProvider<SingleSignOn> singleSignOn)
            throws Exception {
        http.securityMatcher("/api/**", "/actuator/**", "/v3/api-docs/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/schemas/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(ApiErrorResponses.unauthorized()))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(ApiErrorResponses.unauthorized())
                        .accessDeniedHandler(ApiErrorResponses.forbidden(denied)))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        apiTokens.configure(http, ApiErrorResponses.unauthorized());
        SingleSignOn provider = singleSignOn.getIfAvailable();
        if (provider != null) {
            provider.configureBearerTokens(http, ApiErrorResponses.unauthorized());
        }
        return http.build();
    }
}
