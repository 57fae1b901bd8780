package dev.sluice;

import java.util.stream.Stream;

import org.springframework.modulith.core.ApplicationModuleDetectionStrategy;
import org.springframework.modulith.core.JavaPackage;

/**
 * The designer's modules: each feature package under {@code dev.sluice}, as in the backend, and each feature's
 * {@code ui} package as a module of its own nested in it. Views sit above every service, so a view inside its
 * feature's module would make that feature depend on all the others it shows.
 */
public class FeatureAndUiModules implements ApplicationModuleDetectionStrategy {

    @Override
    public Stream<JavaPackage> getModuleBasePackages(JavaPackage basePackage) {
        return basePackage.getDirectSubPackages().stream()
                .flatMap(feature -> Stream.concat(Stream.of(feature), feature.getDirectSubPackages().stream()
                        .filter(sub -> sub.getLocalName().equals("ui"))));
    }
}
