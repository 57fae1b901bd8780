package dev.sluice.signin;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer sluice_…} on the API: a personal API token signs its owner in for the call; an
 * unknown, expired or revoked one is refused (401) and audited. Other bearer tokens are left to the identity
 * provider's check, if one is configured.
 */
@Component
public class ApiTokenSignIn {

    private final ApiTokens tokens;
    private final AuthenticationEventPublisher events;

    ApiTokenSignIn(ApiTokens tokens, AuthenticationEventPublisher events) {
        this.tokens = tokens;
        this.events = events;
    }

    /** Adds the token check to the API's chain, ahead of HTTP Basic. */
    public void configure(HttpSecurity http, AuthenticationEntryPoint unauthorized) {
        http.addFilterBefore(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                String secret = secret(request);
                if (secret != null) {
                    Optional<Authentication> signedIn = tokens.signIn(secret);
                    if (signedIn.isEmpty()) {
                        BadCredentialsException refused = new BadCredentialsException(
                                "Unknown, expired or revoked API token");
                        events.publishAuthenticationFailure(refused, UsernamePasswordAuthenticationToken
                                .unauthenticated(secret.substring(0, ApiTokens.PREFIX.length() + 4) + "…", null));
                        SecurityContextHolder.clearContext();
                        unauthorized.commence(request, response, refused);
                        return;
                    }
                    SecurityContext context = SecurityContextHolder.createEmptyContext();
                    context.setAuthentication(signedIn.get());
                    SecurityContextHolder.setContext(context);
                }
                chain.doFilter(request, response);
            }
        }, BasicAuthenticationFilter.class);
    }

    /** The API token the request carries, or null. */
    static String secret(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).strip();
        return token.startsWith(ApiTokens.PREFIX) && token.length() > ApiTokens.PREFIX.length() + 4 ? token : null;
    }
}
