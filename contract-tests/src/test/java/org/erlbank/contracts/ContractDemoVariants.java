package org.erlbank.contracts;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Test-only variants of a provider, to show what the contracts catch. While {@link #renameSurname} is on (with
 * {@code erlbank.contract-demo=rename-surname}, or while {@link RenamedSurnameVerification} runs) customer-service
 * answers with {@code familyName} where it says {@code surname}: the kind of harmless-looking rename a provider team
 * makes without knowing who reads the field. A switch rather than a second application: every verification of
 * customer-service shares one Spring context, and each context costs seconds.
 */
@TestConfiguration(proxyBeanMethods = false)
class ContractDemoVariants {

    static volatile boolean renameSurname = "rename-surname".equals(System.getProperty("erlbank.contract-demo"));

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> surnameRenamedToFamilyName() {
        return new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                if (!renameSurname) {
                    chain.doFilter(request, response);
                    return;
                }
                var captured = new ContentCachingResponseWrapper(response);
                chain.doFilter(request, captured);
                var body = new String(captured.getContentAsByteArray(), StandardCharsets.UTF_8)
                        .replace("\"surname\":", "\"familyName\":");
                captured.resetBuffer();
                captured.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
                captured.copyBodyToResponse();
            }
        });
    }
}
