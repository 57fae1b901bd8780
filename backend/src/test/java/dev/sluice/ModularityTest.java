package dev.sluice;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each package under {@code dev.sluice} is a feature module: no cycles between them, and none reaches into
 * another's sub-packages (its internals).
 */
class ModularityTest {

    @Test
    void featuresDependOnEachOthersPublicSurfaceWithoutCycles() {
        ApplicationModules.of(TestApplication.class).verify();
    }
}
