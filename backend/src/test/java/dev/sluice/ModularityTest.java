package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Each package under {@code dev.sluice} is a feature module: no cycles between them, and none reaches into
 * another's sub-packages (its internals).
 */
class ModularityTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(TestApplication.class);

    @Test
    void featuresDependOnEachOthersPublicSurfaceWithoutCycles() {
        MODULES.verify();
    }

    @Test
    void theSandboxesKnowNothingOfFlowsOnlyTheJsonSettings() {
        for (String sandbox : new String[] {"sandbox", "template"}) {
            ApplicationModule module = MODULES.getModuleByName(sandbox).orElseThrow();
            assertThat(module.getDirectDependencies(MODULES).uniqueModules().map(ApplicationModule::getIdentifier)
                    .map(Object::toString)).as(sandbox).containsExactly("json");
        }
    }

    @Test
    void writesTheModuleDocumentationFromTheCode() {
        // target/spring-modulith-docs: a component diagram of all modules and a canvas per module
        new Documenter(MODULES).writeDocumentation();
    }
}
