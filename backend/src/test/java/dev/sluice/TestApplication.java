package dev.sluice;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The backend's features without the designer, for integration tests. */
@SpringBootApplication
public class TestApplication {
}
