package dev.sluice.signin;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;

/**
 * Sluice's client at the identity provider, read from the provider's discovery document at the first sign-in
 * rather than at start-up, so Sluice starts while the provider is down and picks it up once it answers.
 */
final class DiscoveredRegistration implements ClientRegistrationRepository {

    static final String ID = "oidc";

    private final OidcProperties provider;
    private volatile ClientRegistration registration;

    DiscoveredRegistration(OidcProperties provider) {
        this.provider = provider;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!ID.equals(registrationId)) {
            return null;
        }
        ClientRegistration found = registration;
        if (found == null) {
            synchronized (this) {
                if (registration == null) {
                    registration = discover();
                }
                found = registration;
            }
        }
        return found;
    }

    private ClientRegistration discover() {
        try {
            return ClientRegistrations.fromIssuerLocation(provider.issuer())
                    .registrationId(ID)
                    .clientId(provider.clientId())
                    .clientSecret(provider.clientSecret())
                    .scope(provider.scopes())
                    .userNameAttributeName(provider.usernameClaim())
                    .build();
        } catch (RuntimeException unreachable) {
            throw new IllegalStateException("The identity provider " + provider.issuer() + " did not answer its "
                    + "discovery request (sluice.oidc.issuer): " + unreachable.getMessage(), unreachable);
        }
    }
}
