package probe;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A call that fails in a way no handler expects, for tests of the API's last-resort answer. Outside
 * {@code dev.sluice} so that no application context picks it up unless a test names it.
 */
@RestController
public class FailingEndpoint {

    @GetMapping("/api/probe/failure")
    String fail() {
        throw new IllegalStateException("pool dev.sluice.internal.Secret exhausted at 10.0.0.7");
    }
}
