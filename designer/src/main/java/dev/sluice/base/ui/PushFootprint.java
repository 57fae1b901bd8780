package dev.sluice.base.ui;

import com.vaadin.flow.spring.SpringServlet;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Trims what each open push connection (a WebSocket through Atmosphere on Tomcat) keeps on the heap, found in heap
 * dumps of {@code SessionMemoryBenchmark}'s sessions; what the browser and the server exchange is unchanged.
 * <ul>
 * <li>Atmosphere gives every WebSocket a 16 KiB byte buffer and a 16 Ki-char buffer (48 KiB) that only a streamed
 * read uses; over JSR 356 it receives whole messages, so they stay empty. Vaadin sizes them with the same
 * {@code 16384} it uses for the message size limits; here they get 1 Ki (they grow up to those limits if ever
 * used).</li>
 * <li>Atmosphere writes to each WebSocket in a task of a pool of up to 200 threads, which starts a new thread for
 * each write while it has fewer and lets a thread go after 30 s without work: with the Run tab refreshed every
 * 3 s, ten threads per open session. A pool without that size starts a thread only when none is idle.</li>
 * <li>Tomcat allocates a WebSocket's text and binary message buffers (16 and 8 KiB) when it opens, and again at
 * Atmosphere's size limit when the first message of that kind arrives; the browser sends none while it only
 * watches, so they open at 1 Ki.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class PushFootprint {

    /** Atmosphere's init parameters on Vaadin's servlet (Vaadin sets its own only where the servlet has none). */
    @Bean
    static BeanPostProcessor atmosphereInitParameters() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof ServletRegistrationBean<?> registration
                        && registration.getServlet() instanceof SpringServlet) {
                    registration.addInitParameter("org.atmosphere.websocket.bufferSize", "1024");
                    // -1: a pool without a fixed size; not a ForkJoinPool, whose workers' blocking polls start more
                    registration.addInitParameter("org.atmosphere.cpr.broadcaster.maxAsyncWriteThreads", "-1");
                    registration.addInitParameter("org.atmosphere.useForkJoinPool", "false");
                }
                return bean;
            }
        };
    }

    /** Tomcat's WebSocket defaults, read from the context when its WebSocket container starts, after this runs. */
    @Bean
    ServletContextInitializer webSocketBufferDefaults() {
        return context -> {
            context.setInitParameter("org.apache.tomcat.websocket.textBufferSize", "1024");
            context.setInitParameter("org.apache.tomcat.websocket.binaryBufferSize", "1024");
        };
    }
}
