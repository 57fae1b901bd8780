package dev.sluice;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

import dev.sluice.source.EventSource;

/**
 * The designer shows records the backend's services give it, never JPA entities: an entity held by a view
 * outlives its transaction, loads lazily where no session is open, and exposes what the view should not see.
 */
class ViewsHoldNoEntitiesTest {

    private static final ArchRule NO_ENTITIES = noClasses().should().dependOnClassesThat()
            .areAnnotatedWith(Entity.class)
            .because("views get records from services (SourceSummary, UserSummary), not JPA entities");

    @Test
    void noDesignerClassDependsOnAJpaEntity() throws URISyntaxException {
        Path designerClasses = Path.of(SluiceApplication.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        JavaClasses designer = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(designerClasses);

        assertThat(designer).isNotEmpty();
        NO_ENTITIES.check(designer);
    }

    @Test
    void theRuleCatchesAClassHoldingAnEntity() {
        JavaClasses offender = new ClassFileImporter().importClasses(HoldsAnEntity.class);

        assertThat(NO_ENTITIES.evaluate(offender).hasViolation()).isTrue();
    }

    static class HoldsAnEntity {
        EventSource held;
    }
}
