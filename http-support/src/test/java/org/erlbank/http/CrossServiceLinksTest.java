package org.erlbank.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class CrossServiceLinksTest {

    private static final String ACCOUNTS = "http://127.0.0.1:8082/accounts?owner=c0000000-0000-4000-8000-000000000001";

    @AfterEach
    void clear() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void leadsToTheOtherServiceForADirectRequest() throws Exception {
        handle(new MockHttpServletRequest("GET", "/customers/1"));

        assertThat(CrossServiceLinks.publicHref(ACCOUNTS)).isEqualTo(ACCOUNTS);
    }

    @Test
    void leadsThroughTheGatewayForARequestThatCameThroughIt() throws Exception {
        var request = new MockHttpServletRequest("GET", "/customers/1");
        request.addHeader("X-Forwarded-Host", "localhost:8080");
        request.addHeader("X-Forwarded-Proto", "http");
        request.addHeader("X-Forwarded-Port", "8080");
        handle(request);

        assertThat(CrossServiceLinks.publicHref(ACCOUNTS))
                .isEqualTo("http://localhost:8080/accounts?owner=c0000000-0000-4000-8000-000000000001");
    }

    @Test
    void keepsThePrefixAProxyAnnounces() throws Exception {
        var request = new MockHttpServletRequest("GET", "/customers/1");
        request.addHeader("X-Forwarded-Host", "erlbank.example");
        request.addHeader("X-Forwarded-Proto", "https");
        request.addHeader("X-Forwarded-Prefix", "/bank");
        handle(request);

        assertThat(CrossServiceLinks.publicHref(ACCOUNTS))
                .isEqualTo("https://erlbank.example/bank/accounts?owner=c0000000-0000-4000-8000-000000000001");
    }

    /** Runs the request through the filter and leaves it as the current request, as Spring MVC would. */
    private static void handle(MockHttpServletRequest request) throws Exception {
        var chain = new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest wrapped, jakarta.servlet.ServletResponse response) {
                RequestContextHolder.setRequestAttributes(
                        new ServletRequestAttributes((jakarta.servlet.http.HttpServletRequest) wrapped));
            }
        };
        new ProxyAwareForwardedHeaderFilter().doFilter(request, new MockHttpServletResponse(), chain);
    }
}
