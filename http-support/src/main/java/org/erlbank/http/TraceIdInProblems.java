package org.erlbank.http;

import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Every problem a service answers names the trace it belongs to ({@code traceId}, the W3C trace id the gateway
 * started and every service's log lines carry): what a client quotes when it reports the problem, and what an
 * operator searches the logs of all three services for.
 */
@ControllerAdvice
class TraceIdInProblems implements ResponseBodyAdvice<Object> {

    static final String PROPERTY = "traceId";

    private final ObjectProvider<Tracer> tracer;

    TraceIdInProblems(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem) {
            var current = tracer.getIfAvailable();
            var span = current == null ? null : current.currentSpan();
            if (span != null) {
                problem.setProperty(PROPERTY, span.context().traceId());
            }
        }
        return body;
    }
}
