package org.erlbank.account.customers;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Notices when customer-service says the API account-service calls is deprecated ({@code Deprecation}, RFC 9745),
 * and tells the people who run account-service once per process and announcement, with the {@code Sunset} date and
 * the {@code successor-version} link: the consumer's side of the notification, so a deprecation is not only in
 * headers nobody reads.
 */
final class DeprecationNotices implements ClientHttpRequestInterceptor {

    static final Logger LOG = LoggerFactory.getLogger(DeprecationNotices.class);

    /** The announcements told already: Deprecation and Sunset (a new date is a new announcement). */
    private final Set<String> told = ConcurrentHashMap.newKeySet();

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        var response = execution.execute(request, body);
        var headers = response.getHeaders();
        var deprecation = headers.getFirst("Deprecation");
        if (deprecation != null) {
            var sunset = headers.getFirst("Sunset");
            if (told.add(deprecation + " " + sunset)) {
                var successor = headers.getOrEmpty(HttpHeaders.LINK).stream()
                        .filter(link -> link.contains("rel=\"successor-version\"")).findFirst().orElse("(none)");
                LOG.warn("customer-service says the customer API account-service uses is deprecated (Deprecation: {},"
                        + " Sunset: {}); {} {}: move to its successor. Successor of that resource: {}", deprecation,
                        sunset == null ? "(none)" : sunset, request.getMethod(), request.getURI().getPath(), successor);
            }
        }
        return response;
    }
}
