package org.erlbank.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class InfrastructureUnobservedTest {

    private final InfrastructureUnobserved predicate = new InfrastructureUnobserved();

    @AfterEach
    void forgetTheRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @ParameterizedTest
    @CsvSource({ "/readyz, false", "/livez, false", "/actuator, false", "/actuator/prometheus, false",
            "/actuator/health/readiness, false", "/accounts/10000001/statement, true", "/customers, true",
            "/actuatorial, true", "/readyz/more, true", "/, true" })
    void aRequestIsObservedUnlessItIsTheMachinerys(String path, boolean observed) {
        var request = new MockHttpServletRequest("GET", path);
        var server = new ServerRequestObservationContext(request, new MockHttpServletResponse());

        assertThat(predicate.test("http.server.requests", server)).isEqualTo(observed);
        // What is observed while the request is served (its authentication, say) goes with it.
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        assertThat(predicate.test("spring.security.authentications", new Observation.Context())).isEqualTo(observed);
    }

    @Test
    void anObservationOutsideARequestIsObserved() {
        assertThat(predicate.test("tasks.scheduled.execution", new Observation.Context())).isTrue();
    }
}
