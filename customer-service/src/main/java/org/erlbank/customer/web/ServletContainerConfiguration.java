package org.erlbank.customer.web;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.server.MimeMappings;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the servlet container decides before Spring MVC sees a request.
 */
@Configuration(proxyBeanMethods = false)
class ServletContainerConfiguration {

    /**
     * Tomcat answers an encoded slash ({@code %2F}) in a path with its own HTML error page. Passed through, it
     * reaches Spring MVC, which decodes it inside a path variable and answers with a problem like any other bad id.
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashesReachTheApplication() {
        return connector -> connector.setEncodedSolidusHandling("passthrough");
    }

    /** The API specs are served as YAML, not as a download of unknown type. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> yamlMimeType() {
        return factory -> {
            var mappings = new MimeMappings();
            mappings.add("yaml", "application/yaml");
            factory.addMimeMappings(mappings);
        };
    }
}
