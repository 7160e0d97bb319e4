package org.erlbank.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestSyntaxFilterTest {

    @ParameterizedTest
    @ValueSource(strings = { "owner=%ff", "owner=%", "owner=%z", "owner=%zz", "owner=%c3%28", "owner=%e0%a4",
            "owner=ok&size=%ff", "%ff=1", "owner=%ed%a0%80", "owner=%c0%af", "owner=a%2" })
    void refusesQueriesThatDoNotDecodeToUtf8(String query) {
        assertThat(RequestSyntaxFilter.decodable(query)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "owner=c0000000-0000-4000-8000-000000000001", "surname=Lovelace&size=5",
            "surname=L%C3%B6we", "surname=a+b", "surname=%00", "flag", "a=&b=", "x=%e2%82%ac", "x=%F0%9F%98%80" })
    void acceptsQueriesThatDecode(String query) {
        assertThat(RequestSyntaxFilter.decodable(query)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/customers/../actuator/env", "/customers/%2e%2e/actuator/env", "/customers/%2E%2e/x",
            "/customers/.%2e/x", "/accounts/./10000001", "/accounts/..", "/..;/actuator/env", "/customers/%2e" })
    void refusesPathsWithADotSegment(String path) {
        assertThat(RequestSyntaxFilter.hasDotSegment(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/", "/customers", "/accounts/10000001/transfers", "/webjars/hal-explorer/2.3.0/index.html",
            "/api-specs/customer-api-v2.yaml", "/customers/a..b", "/customers/...", "/x/.hidden", "/docs/relations.html" })
    void acceptsPathsWithoutOne(String path) {
        assertThat(RequestSyntaxFilter.hasDotSegment(path)).isFalse();
    }
}
