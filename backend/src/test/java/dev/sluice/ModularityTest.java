package dev.sluice;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Each package under {@code dev.sluice} is a feature module: no cycles between them, and none reaches into
 * another's sub-packages (its internals).
 */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(TestApplication.class);

    @Test
    void featuresDependOnEachOthersPublicSurfaceWithoutCycles() {
        modules.verify();
    }

    @Test
    void writesTheModuleDocumentationFromTheCode() {
        // target/spring-modulith-docs: a component diagram of all modules and a canvas per module
        new Documenter(modules).writeDocumentation();
    }
}
