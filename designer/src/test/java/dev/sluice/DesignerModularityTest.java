package dev.sluice;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The designer's views sit in their feature's module ({@code flow.ui} in {@code flow}): a view never reaches into
 * another feature's views, and the UI pieces features share ({@code base.ui}, {@code secret.ui}) are named
 * interfaces of their modules.
 */
class DesignerModularityTest {

    private static final String DETECTION_STRATEGY = "spring.modulith.detection-strategy";

    private final ApplicationModules modules = designerModules();

    private static ApplicationModules designerModules() {
        // Modulith reads its detection strategy from the environment; set only while the modules are read
        System.setProperty(DETECTION_STRATEGY, FeatureAndUiModules.class.getName());
        try {
            return ApplicationModules.of(SluiceApplication.class);
        } finally {
            System.clearProperty(DETECTION_STRATEGY);
        }
    }

    @Test
    void viewsDependOnlyOnSharedUiAndOtherFeaturesPublicSurfaceWithoutCycles() {
        modules.verify();
    }

    @Test
    void writesTheModuleDocumentationFromTheCode() {
        // target/spring-modulith-docs: a component diagram of all modules and a canvas per module
        new Documenter(modules).writeDocumentation();
    }
}
