package dev.sluice.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.web.WebAttributes;

import dev.sluice.signin.DirectoryAccountRefusedException;
import dev.sluice.signin.SignInThrottledException;
import dev.sluice.signin.SingleSignOn;

/**
 * The sign-in page. Spring Security handles the POST to {@code /login}; a failure comes back as {@code ?error},
 * a sign-in refused by the throttle with how long to wait, one of a directory account Sluice cannot take with why.
 * With an identity provider configured, "Sign in with …" leads there first.
 */
@Route(value = "login", autoLayout = false)
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final LoginForm login = new LoginForm();
    private final LoginI18n i18n = LoginI18n.createDefault();

    public LoginView(ObjectProvider<SingleSignOn> singleSignOn) {
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        addClassName("login-view");

        H1 title = new H1("Sluice");
        title.addClassName("brand");
        Paragraph tagline = new Paragraph(getTranslation("login.tagline"));
        tagline.addClassName("tagline");

        i18n.getForm().setTitle(getTranslation("login.title"));
        i18n.getForm().setUsername(getTranslation("login.username"));
        i18n.getForm().setPassword(getTranslation("login.password"));
        i18n.getForm().setSubmit(getTranslation("login.submit"));
        i18n.getErrorMessage().setTitle(getTranslation("login.error.title"));
        i18n.getErrorMessage().setMessage(getTranslation("login.error.message"));
        login.setI18n(i18n);
        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);

        add(new Div(title, tagline));
        SingleSignOn provider = singleSignOn.getIfAvailable();
        if (provider != null) {
            // a full page load, not a route: Spring Security answers it with a redirect to the provider
            Anchor withProvider = new Anchor(SingleSignOn.SIGN_IN_PATH,
                    getTranslation("login.with-provider", provider.providerName()));
            withProvider.setRouterIgnore(true);
            withProvider.setId("sign-in-with-provider");
            withProvider.addClassName("sign-in-with-provider");
            Paragraph or = new Paragraph(getTranslation("login.or"));
            or.addClassName("login-or");
            add(withProvider, or);
        }
        add(login);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.title") + " · Sluice";
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        boolean failed = event.getLocation().getQueryParameters().getParameters().containsKey("error");
        // Spring Security's failure handler leaves the exception in the session for the page it redirects to
        WrappedSession session = VaadinSession.getCurrent() == null ? null : VaadinSession.getCurrent().getSession();
        if (failed && session != null
                && session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof SignInThrottledException t) {
            i18n.getErrorMessage().setTitle(getTranslation("login.throttled.title"));
            i18n.getErrorMessage().setMessage(getTranslation("login.throttled.message", t.retryAfterSeconds()));
            login.setI18n(i18n);
        } else if (failed && session != null
                && session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof DirectoryAccountRefusedException r) {
            i18n.getErrorMessage().setTitle(getTranslation("login.refused.title"));
            i18n.getErrorMessage().setMessage(r.getMessage());
            login.setI18n(i18n);
        }
        login.setError(failed);
    }
}
