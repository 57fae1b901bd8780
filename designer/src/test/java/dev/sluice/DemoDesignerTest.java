package dev.sluice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import com.vaadin.browserless.SpringBrowserlessTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.flowstore.FlowStore;
import dev.sluice.flowstore.FlowSummary;
import dev.sluice.workspace.WorkspaceAdministration;
import dev.sluice.workspace.WorkspaceRole;

/**
 * Browserless view tests on the embedded default with the demo users and flows: one application context,
 * shared by every subclass, on a data directory of its own. Subclasses must not rely on entry or flow counts
 * that another class could change.
 */
@SpringBootTest(classes = {SluiceApplication.class, DemoDesignerTest.FinanceOwner.class}, properties = {"sluice.demo.enabled=true",
        "sluice.demo.password=demo"})
public abstract class DemoDesignerTest extends SpringBrowserlessTest {

    /** Owner of {@code finance}; the demo has no workspace owner, only stewards. */
    protected static final String FINANCE_OWNER = "fin-owner";

    private static final Path DATA_DIR = temporaryDirectory();

    @Autowired
    protected FlowStore store;


    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        registry.add("sluice.data-dir", DATA_DIR::toString);
        registry.add("sluice.amqp.embedded.port", DemoDesignerTest::freePort);
    }

    /** Every view and the main layout, whatever the subclass's package. */
    @Override
    protected Set<String> scanPackages() {
        return Set.of("dev.sluice");
    }

    /** Creates {@link #FINANCE_OWNER} once the demo is seeded, before any view is opened. */
    @TestConfiguration(proxyBeanMethods = false)
    static class FinanceOwner {
        @Bean
        ApplicationRunner financeOwner(WorkspaceAdministration administration) {
            return arguments -> {
                administration.createUser(FINANCE_OWNER, "Finance owner", "demo-owner", null);
                administration.addMember(FINANCE_OWNER, "finance", WorkspaceRole.OWNER);
            };
        }
    }

    /** The id of a demo flow, looked up as the steward of its workspace. */
    protected long demoFlow(String steward, String workspace, String name) {
        return store.list(steward, workspace).stream().filter(f -> f.name().equals(name)).findFirst()
                .map(FlowSummary::id).orElseThrow();
    }

    /** Starts a fresh UI and session as {@code username}, as after signing in. */
    protected void signInAs(String username) {
        cleanVaadinEnvironment();
        UserDetails user = User.withUsername(username).password("unused").roles("USER").build();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
                user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        initVaadinEnvironment();
    }

    private static Path temporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("sluice-views-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
