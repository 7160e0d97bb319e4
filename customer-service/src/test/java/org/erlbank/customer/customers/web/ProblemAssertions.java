package org.erlbank.customer.customers.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The shape every problem the customer API answers has, in both versions. */
final class ProblemAssertions {

    private static final String PROBLEMS = "https://erlbank.example/problems/";

    private ProblemAssertions() {
    }

    static void assertProblem(MvcTestResult result, HttpStatus status, String type) {
        assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        var json = assertThat(result).bodyJson();
        json.extractingPath("$.type").isEqualTo(PROBLEMS + type);
        json.extractingPath("$.status").isEqualTo(status.value());
        json.hasPath("$.title");
    }
}
