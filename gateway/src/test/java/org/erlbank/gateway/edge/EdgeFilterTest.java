package org.erlbank.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class EdgeFilterTest {

    private static final String PROXY = "10.0.0.7";

    private final EdgeFilter filter = new EdgeFilter(
            new EdgeProperties(List.of("localhost", "erlbank.example"), "10\\.0\\.0\\.7", Duration.ofSeconds(1),
                    Duration.ofSeconds(1)),
            (request, response, handler, ex) -> {
                response.setStatus(400);
                return null;
            });

    @Test
    void takesTheOriginFromTheRequestItself() throws Exception {
        var request = request("203.0.113.5", "localhost", 8080);

        assertThat(originOf(request)).isEqualTo(new PublicOrigin("http", "localhost", 8080, ""));
    }

    @Test
    void ignoresForwardedHeadersFromClientsThatAreNotTrustedProxies() throws Exception {
        var request = request("203.0.113.5", "localhost", 8080);
        request.addHeader("X-Forwarded-Host", "evil.example");
        request.addHeader("X-Forwarded-Proto", "https");
        request.addHeader("X-Forwarded-Prefix", "/evil");

        assertThat(originOf(request)).isEqualTo(new PublicOrigin("http", "localhost", 8080, ""));
    }

    @Test
    void believesATrustedProxy() throws Exception {
        var request = request(PROXY, "gateway.internal", 8080);
        request.addHeader("X-Forwarded-Host", "erlbank.example");
        request.addHeader("X-Forwarded-Proto", "https");
        request.addHeader("X-Forwarded-Prefix", "/bank");

        assertThat(originOf(request)).isEqualTo(new PublicOrigin("https", "erlbank.example", 443, "/bank"));
        assertThat(originOf(request).uri("/customers")).isEqualTo("https://erlbank.example/bank/customers");
    }

    @Test
    void takesTheFirstOfSeveralProxiesAndAPortInTheHost() throws Exception {
        var request = request(PROXY, "gateway.internal", 8080);
        request.addHeader("X-Forwarded-Host", "erlbank.example:8443, inner.example");
        request.addHeader("X-Forwarded-Proto", "https, http");

        assertThat(originOf(request)).isEqualTo(new PublicOrigin("https", "erlbank.example", 8443, ""));
    }

    @Test
    void fallsBackToItsOwnViewWhenATrustedProxySendsNonsense() throws Exception {
        var request = request(PROXY, "localhost", 8080);
        request.addHeader("X-Forwarded-Host", "evil.example/path?x=<script>");

        assertThat(originOf(request)).isEqualTo(new PublicOrigin("http", "localhost", 8080, ""));
    }

    @Test
    void refusesAHostThatIsNotAllowed() throws Exception {
        var request = request("203.0.113.5", "evil.example", 8080);
        var response = new MockHttpServletResponse();
        var chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(chain.getRequest()).as("the request goes no further").isNull();
    }

    private PublicOrigin originOf(MockHttpServletRequest request) throws Exception {
        var chain = new MockFilterChain();
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).isNotNull();
        return PublicOrigin.of(request);
    }

    private static MockHttpServletRequest request(String remoteAddress, String host, int port) {
        var request = new MockHttpServletRequest("GET", "/customers");
        request.setRemoteAddr(remoteAddress);
        request.setServerName(host);
        request.setServerPort(port);
        return request;
    }
}
