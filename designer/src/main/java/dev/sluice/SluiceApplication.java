package dev.sluice;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import dev.sluice.cli.AdminCommand;
import dev.sluice.cli.FlowCommand;

/** Sluice: the designer (Vaadin views) and the engine in one Spring Boot application. */
@SpringBootApplication
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
@StyleSheet("styles.css")
public class SluiceApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        if (FlowCommand.handles(args)) {
            System.setProperty("logback.configurationFile", "logback-cli.xml");
            System.exit(new FlowCommand(System.out, System.err).run(args));
        }
        if (AdminCommand.handles(args)) {
            System.exit(new AdminCommand(System.out, System.err).run(args));
        }
        OptimizedRuntime.relaunchIfWanted(args).ifPresent(System::exit);
        SpringApplication.run(SluiceApplication.class, args);
    }

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Sluice");
        settings.addFavIcon("icon", "icons/sluice.svg", "any");
    }
}
