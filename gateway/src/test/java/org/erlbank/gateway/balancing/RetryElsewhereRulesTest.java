package org.erlbank.gateway.balancing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;

/** Which failures of the proxy's client {@code RetryElsewhere} may repeat (RetryElsewhereTest: which requests). */
class RetryElsewhereRulesTest {

    @Test
    void aRefusedOrDroppedConnectionMayBeRepeatedATimeoutNot() {
        assertThat(RetryElsewhere.repeatable(new ResourceAccessException("refused",
                new HttpHostConnectException("Connection refused")))).isTrue();
        assertThat(RetryElsewhere.repeatable(new ResourceAccessException("dropped",
                new NoHttpResponseException("127.0.0.1:8082 failed to respond")))).isTrue();
        assertThat(RetryElsewhere.repeatable(new ResourceAccessException("slow",
                new SocketTimeoutException("Read timed out")))).isFalse();
        assertThat(RetryElsewhere.repeatable(new ResourceAccessException("no I/O"))).isFalse();
    }
}
