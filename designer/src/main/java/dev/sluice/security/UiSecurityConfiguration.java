package dev.sluice.security;

import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import dev.sluice.base.ui.LoginView;
import dev.sluice.signin.SingleSignOn;

/**
 * The browser's chain: form login through {@link LoginView} (and the identity provider's, when one is configured),
 * logout back to it. The API's own chain
 * ({@code /api/**}, HTTP Basic) is ordered before this one.
 */
@Configuration(proxyBeanMethods = false)
class UiSecurityConfiguration {

    /**
     * What Vaadin needs and no more: its bootstrap and {@code executeJs} run inline and evaluated scripts, its
     * components set inline styles; everything loads from this origin, nothing frames it.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; "
            + "script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain uiSecurityFilterChain(HttpSecurity http, RequestUtil vaadinRequests,
                                              ObjectProvider<SingleSignOn> singleSignOn) throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/icons/**", "/styles.css").permitAll());
        // Vaadin's own configuration exempts the login page, and with it the sign-in POST, from CSRF checks; here
        // only Vaadin's internal requests are (they carry Vaadin's own CSRF key), and the login form posts the
        // token the page gives it
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)
                .enableCsrfConfiguration(false));
        http.csrf(csrf -> csrf.ignoringRequestMatchers(vaadinRequests::isFrameworkInternalRequest));
        SingleSignOn provider = singleSignOn.getIfAvailable();
        if (provider != null) {
            provider.configureBrowser(http, "/login");
        }
        // eagerly: Vaadin serves its pages through a forward to its servlet, and headers written when the response
        // commits never reached them (only Vaadin's own X-Frame-Options did)
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .addObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                }));
        return http.build();
    }
}
