package org.erlbank.http.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.ResourceTransformer;
import org.springframework.web.servlet.resource.ResourceTransformerChain;
import org.springframework.web.servlet.resource.TransformedResource;

/**
 * Serves a service's API specs ({@code /api-specs/*.yaml}, from {@code classpath:/static/api-specs/}) with their
 * OAuth2 flows pointing at the issuer this service trusts. The specs are written for the default set-up and name
 * auth-server at {@value #DOCUMENTED_ISSUER}; a browser reading them (Swagger UI's Authorize) must be sent to the
 * auth-server that really runs, on whatever port or host it was given. Only the flows' {@code authorizationUrl},
 * {@code tokenUrl} and {@code refreshUrl} change, and only their origin: every other byte is the spec as written
 * (with the default issuer the spec is served exactly as written).
 */
public final class SpecsNameTheIssuer implements ResourceTransformer, WebMvcConfigurer {

    /** The issuer the specs under {@code api-specs/} name (auth-server's default address). */
    public static final String DOCUMENTED_ISSUER = "http://localhost:9000";

    private static final Pattern FLOW_URL = Pattern.compile(
            "^(\\s*(?:authorizationUrl|tokenUrl|refreshUrl):\\s*)" + Pattern.quote(DOCUMENTED_ISSUER) + "(/\\S*)\\s*$",
            Pattern.MULTILINE);

    private final String issuer;

    public SpecsNameTheIssuer(String issuer) {
        this.issuer = issuer.replaceAll("/+$", "");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/api-specs/**").addResourceLocations("classpath:/static/api-specs/")
                .resourceChain(true).addTransformer(this);
    }

    @Override
    public Resource transform(HttpServletRequest request, Resource resource, ResourceTransformerChain chain)
            throws IOException {
        var spec = chain.transform(request, resource);
        var name = spec.getFilename();
        if (name == null || !name.endsWith(".yaml") || issuer.equals(DOCUMENTED_ISSUER)) {
            return spec;
        }
        return new TransformedResource(spec, rewrite(spec.getContentAsString(StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The spec with its OAuth2 flows' URLs on this issuer. */
    String rewrite(String spec) {
        return FLOW_URL.matcher(spec).replaceAll(
                flow -> Matcher.quoteReplacement(flow.group(1) + issuer + flow.group(2)));
    }
}
