package dev.sluice.security;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import dev.sluice.base.ui.LoginView;

/**
 * The browser's chain: form login through {@link LoginView}, logout back to it. The API's own chain
 * ({@code /api/**}, HTTP Basic) is ordered before this one.
 */
@Configuration(proxyBeanMethods = false)
class UiSecurityConfiguration {

    @Bean
    SecurityFilterChain uiSecurityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/icons/**", "/styles.css").permitAll());
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class));
        return http.build();
    }
}
