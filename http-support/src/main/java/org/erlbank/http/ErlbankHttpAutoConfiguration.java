package org.erlbank.http;

import io.micrometer.observation.ObservationPredicate;
import io.micrometer.tracing.Tracer;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.server.MimeMappings;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.hateoas.config.EnableHypermediaSupport;
import org.springframework.hateoas.config.EnableHypermediaSupport.HypermediaType;
import org.springframework.hateoas.mediatype.hal.HalConfiguration;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import tools.jackson.core.StreamReadFeature;

/**
 * Erlbank's HTTP conventions for a servlet service: HAL and HAL-FORMS, problems for every error including those
 * that never reach a controller, a bound on request bodies, and an {@code ETag} on every GET.
 */
// Before Boot's error handling, which backs off when it finds our ErrorController, and before Boot's hypermedia
// configuration, which backs off when it finds our HalConfiguration.
@AutoConfiguration(beforeName = { "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
        "org.springframework.boot.hateoas.autoconfigure.HypermediaAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableHypermediaSupport(type = { HypermediaType.HAL, HypermediaType.HAL_FORMS })
@EnableConfigurationProperties(ErlbankHttpAutoConfiguration.HttpProperties.class)
public class ErlbankHttpAutoConfiguration {

    /**
     * @param maxRequestBody the largest request body a service reads; larger ones are answered with 413
     */
    @ConfigurationProperties("erlbank.http")
    public record HttpProperties(DataSize maxRequestBody) {

        public HttpProperties {
            maxRequestBody = maxRequestBody == null ? DataSize.ofKilobytes(64) : maxRequestBody;
        }
    }

    /**
     * A client that asks for plain {@code application/json} (many tools do) gets the HAL document, labelled as it
     * asked, as the specs say. Boot configures the same by default, but a property
     * ({@code spring.hateoas.use-hal-as-default-json-media-type}) switches Boot's off; here it is part of Erlbank's
     * contract, not a default. Problems keep their own converter and {@code application/problem+json}: this
     * configuration applies to HAL resources only.
     */
    @Bean
    HalConfiguration halForPlainJson() {
        return new HalConfiguration().withMediaType(MediaType.APPLICATION_JSON);
    }

    /**
     * Links point where the client sent the request: through the gateway, at the gateway. Off at the edge itself
     * ({@code erlbank.http.trust-forwarded-headers=false}), where nobody's forwarded headers are taken on trust.
     */
    @Bean
    @ConditionalOnBooleanProperty(name = "erlbank.http.trust-forwarded-headers", matchIfMissing = true)
    FilterRegistrationBean<ProxyAwareForwardedHeaderFilter> forwardedHeaderFilter() {
        var registration = new FilterRegistrationBean<>(new ProxyAwareForwardedHeaderFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * A log line per request, inside the tracing observation (Boot registers it at {@code HIGHEST_PRECEDENCE + 1}),
     * so that it carries the trace id. {@code logging.level.org.erlbank.http.requests=warn} silences it.
     */
    @Bean
    FilterRegistrationBean<RequestLogFilter> requestLogFilter() {
        var registration = new FilterRegistrationBean<>(new RequestLogFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** Readiness checks, scrapes and health are not traced: see {@link InfrastructureUnobserved}. */
    @Bean
    ObservationPredicate infrastructureUnobserved() {
        return new InfrastructureUnobserved();
    }

    @Bean
    TraceIdInProblems traceIdInProblems(ObjectProvider<Tracer> tracer) {
        return new TraceIdInProblems(tracer);
    }

    /** Before anything reads a parameter: an undecodable query string is the client's error, not an internal one. */
    @Bean
    FilterRegistrationBean<RequestSyntaxFilter> requestSyntaxFilter(
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver) {
        var registration = new FilterRegistrationBean<>(new RequestSyntaxFilter(exceptionResolver));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(HttpProperties properties,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver) {
        var registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(properties.maxRequestBody(), exceptionResolver));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /**
     * Within the body limit (so a body it reads is bounded) and before the idempotency filter (so a body no spec
     * allows claims no key): JSON or text that is not well-formed UTF-8 is a malformed request.
     */
    @Bean
    FilterRegistrationBean<Utf8BodyFilter> utf8BodyFilter(
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver) {
        var registration = new FilterRegistrationBean<>(new Utf8BodyFilter(exceptionResolver));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 12);
        return registration;
    }

    /**
     * Lists and statements change too: every GET without a version-based {@code ETag} of its own gets one from
     * its body, so that clients can revalidate with {@code If-None-Match}.
     */
    @Bean
    @ConditionalOnBooleanProperty(name = "erlbank.http.etag-for-every-get", matchIfMissing = true)
    FilterRegistrationBean<ShallowEtagHeaderFilter> etagForEveryGet() {
        var registration = new FilterRegistrationBean<>(new ShallowEtagHeaderFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    /**
     * Tomcat answers an encoded slash ({@code %2F}) in a path with its own HTML error page. Passed through, it
     * reaches Spring MVC, which decodes it inside a path variable and answers with a problem like any other bad id.
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashesReachTheApplication() {
        return connector -> connector.setEncodedSolidusHandling("passthrough");
    }

    /**
     * Tomcat answers requests it cannot parse (a {@code %00} in the path, say) with its own HTML page, from the
     * host's error report valve, before any servlet runs: {@link ProblemReportValve} answers them with a problem.
     * Installed just before the host starts, after every customizer (Boot's adds a plain ErrorReportValve).
     */
    @Bean
    TomcatContextCustomizer problemsForTomcatsOwnErrors() {
        return context -> context.getParent().addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType()) && event.getLifecycle() instanceof StandardHost host) {
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }

    /**
     * JSON as the specs type it: in our bodies a number is not a string ({@link StrictStrings}), and a field given
     * twice is an error, not "the last one wins".
     */
    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .addModule(StrictStrings.module());
    }

    /** API specs are served as YAML, not as a download of unknown type. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> yamlMimeType() {
        return factory -> {
            var mappings = new MimeMappings();
            mappings.add("yaml", "application/yaml");
            factory.addMimeMappings(mappings);
        };
    }
}
