package org.erlbank.load;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpProtocolBuilder;

/** How the benchmarks send their requests. */
final class BenchProtocol {

    private BenchProtocol() {
    }

    /**
     * HAL, as the teller (her token from auth-server, renewed before it expires), no cache, and kept-alive
     * connections shared by all users, as real clients and the gateway's own client hold them.
     */
    static HttpProtocolBuilder asTeller(AuthServerTokens tokens) {
        return http.acceptHeader("application/hal+json").userAgentHeader("erlbank-bench (Gatling)")
                .header("Authorization", session -> tokens.bearer(AuthServerTokens.TELLER))
                .disableCaching().shareConnections();
    }
}
