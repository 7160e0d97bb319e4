package org.erlbank.customer.faults;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Applies the current {@link Fault} to the customer API's requests (not to the management port's).
 */
public class FaultInjection extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(FaultInjection.class);

    private final AtomicReference<Fault> current = new AtomicReference<>(Fault.NONE);
    private final Object hung = new Object();
    private final AtomicInteger held = new AtomicInteger();
    private final HandlerExceptionResolver exceptionResolver;

    FaultInjection(HandlerExceptionResolver exceptionResolver) {
        this.exceptionResolver = exceptionResolver;
    }

    public Fault current() {
        return current.get();
    }

    /** How many requests the hang holds now: what a demo (or a test) sees the fault doing. */
    public int held() {
        return held.get();
    }

    public void set(Fault fault) {
        current.set(fault);
        synchronized (hung) {
            hung.notifyAll();
        }
        log.warn("Fault injection: {}", fault.describe());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/customers");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var fault = current.get();
        try {
            if (fault.hang()) {
                held.incrementAndGet();
                try {
                    synchronized (hung) {
                        while (current.get().hang()) {
                            hung.wait();
                        }
                    }
                } finally {
                    held.decrementAndGet();
                }
            } else if (!fault.delay().isZero()) {
                Thread.sleep(fault.delay().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (fault.errorPercent() > 0 && ThreadLocalRandom.current().nextInt(100) < fault.errorPercent()) {
            // Answered like every other error: as a problem, by the advice (see CustomerProblems).
            exceptionResolver.resolveException(request, response, null, new InjectedFaultException(fault));
            return;
        }
        chain.doFilter(request, response);
    }
}
