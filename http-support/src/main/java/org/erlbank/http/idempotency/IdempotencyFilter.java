package org.erlbank.http.idempotency;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.erlbank.http.PayloadTooLargeException;
import org.erlbank.http.ProblemException;
import org.erlbank.http.ProblemType;
import org.erlbank.http.ReadBodyRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatusCode;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionTimedOutException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} (IETF httpapi draft) for every {@code POST}: a client that did not get an answer sends
 * the request again with the same key, and gets the first answer (status, {@code Location}, body, marked
 * {@code Idempotent-Replayed: true}) without the work being done twice, also after a restart of the service.
 *
 * <ul>
 * <li>The key is claimed in a short transaction of its own. The request then runs in one transaction with the
 * recording of its answer: its effect and its key are committed together or not at all. That transaction times
 * out with the key's lock, so a request that outlives its lock commits nothing (and answers 503 busy).</li>
 * <li>The same key with a different request (method, path, media type, body) answers 422; while the first request
 * is still running, 409. A key whose request was abandoned (its service died, nothing was committed) can be used
 * again once its lock has passed.</li>
 * <li>Only successful (2xx) answers are kept; after a failure the key is free again, so that the corrected request
 * can be sent with it. Keys are kept for the retention (24 hours at least), then forgotten.</li>
 * <li>Requests without the header are served as before.</li>
 * </ul>
 */
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
    // The draft's key is a structured-field string: printable ASCII. Length bounded by the column.
    private static final Pattern VALID_KEY = Pattern.compile("[\\x20-\\x7E]{1,255}");
    // The scope column's length (idempotency_key.scope).
    private static final int MAX_SCOPE_LENGTH = 300;
    /** How often expired keys are forgotten, by one of the instances sharing the database. */
    static final Duration CLEAN_UP_EVERY = Duration.ofMinutes(10);

    private final IdempotencyStore store;
    private final TransactionTemplate transactions;
    private final TransactionTemplate requestTransactions;
    private final HandlerExceptionResolver exceptionResolver;
    private final Duration lock;
    private final ExpiredKeys expiredKeys;
    private final Clock clock;
    private final AtomicLong nextCleanUp = new AtomicLong();

    IdempotencyFilter(IdempotencyStore store, TransactionTemplate transactions,
            HandlerExceptionResolver exceptionResolver, Duration lock, ExpiredKeys expiredKeys, Clock clock) {
        this.store = store;
        this.transactions = transactions;
        this.requestTransactions = new TransactionTemplate(transactions.getTransactionManager());
        this.requestTransactions.setTimeout((int) Math.max(1, lock.toSeconds()));
        this.exceptionResolver = exceptionResolver;
        this.lock = lock;
        this.expiredKeys = expiredKeys;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            handle(request, response, chain);
        } catch (ProblemException | PayloadTooLargeException problem) {
            exceptionResolver.resolveException(request, response, null, problem);
        }
    }

    private void handle(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var key = request.getHeader(HEADER);
        // Two keys would make the request's identity a guess: which one was the retry meant to match?
        if (!VALID_KEY.matcher(key).matches() || Collections.list(request.getHeaders(HEADER)).size() > 1) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_INVALID.with(
                    "An Idempotency-Key is one header of 1 to 255 printable ASCII characters."));
        }
        forgetOldKeys();
        var body = request.getInputStream().readAllBytes();
        var scope = scope(request);
        var fingerprint = fingerprint(request, body);

        if (!claim(key, scope, fingerprint)) {
            var earlier = transactions.execute(status -> store.find(key, scope)).orElse(null);
            if (earlier == null) { // released in between: the client may simply try again
                throw inFlight();
            }
            if (!earlier.fingerprint().equals(fingerprint)) {
                throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED.with(
                        "This Idempotency-Key was used for a different request to " + scope
                                + "; use a new key for a new request."));
            }
            if (earlier.state() == IdempotencyStore.State.DONE) {
                response.setHeader(REPLAYED, "true");
                earlier.response().replayTo(response);
                return;
            }
            if (earlier.lockedUntil().isAfter(clock.instant())
                    || !transactions.execute(status -> store.takeOver(key, scope, earlier.lockedUntil(), lock))) {
                throw inFlight();
            }
            log.info("Taking over Idempotency-Key {} for {}: its first request was abandoned", key, scope);
        }
        run(key, scope, new ReadBodyRequest(request, body), response, chain);
    }

    /**
     * The request and the recording of its answer, in one transaction. A key whose answer was not kept is released
     * (the client may use it again); a request that ran past its lock and was not kept answers busy, unless its
     * own answer was a client error, since another request may have taken its key over meanwhile.
     */
    private void run(String key, String scope, HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws ServletException, IOException {
        var recorded = new ContentCachingResponseWrapper(response);
        long started = System.nanoTime();
        boolean kept = false;
        try {
            kept = Boolean.TRUE.equals(requestTransactions.execute(status -> {
                try {
                    chain.doFilter(request, recorded);
                } catch (IOException | ServletException e) {
                    throw new ChainFailed(e);
                }
                if (HttpStatusCode.valueOf(recorded.getStatus()).is2xxSuccessful()) {
                    store.complete(key, scope, StoredResponse.of(recorded, recorded.getContentAsByteArray()));
                    return true;
                }
                status.setRollbackOnly();
                return false;
            }));
        } catch (TransactionTimedOutException late) {
            // Its last statement came after the transaction's timeout (the lock): nothing of it was committed.
        } catch (ChainFailed failed) {
            if (failed.getCause() instanceof ServletException servlet) {
                throw servlet;
            }
            throw (IOException) failed.getCause();
        } finally {
            if (!kept) {
                release(key, scope);
            }
        }
        if (!kept && System.nanoTime() - started >= lock.toNanos()
                && !HttpStatusCode.valueOf(recorded.getStatus()).is4xxClientError()) {
            // Failed because it outlived its transaction (in whatever words the persistence layer chose).
            response.reset();
            throw outlivedItsLock();
        }
        recorded.copyBodyToResponse();
    }

    private boolean claim(String key, String scope, String fingerprint) {
        try {
            transactions.executeWithoutResult(status -> store.claim(key, scope, fingerprint, lock));
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    private void release(String key, String scope) {
        transactions.executeWithoutResult(status -> store.release(key, scope));
    }

    /** Every {@link #CLEAN_UP_EVERY} this instance offers to forget expired keys; one instance of all does. */
    private void forgetOldKeys() {
        long now = clock.millis();
        long due = nextCleanUp.get();
        if (now >= due && nextCleanUp.compareAndSet(due, now + CLEAN_UP_EVERY.toMillis())) {
            try {
                expiredKeys.forget();
            } catch (DataAccessException | TransactionException trouble) {
                // Housekeeping: the request it rode on is served all the same, and the next period tries again.
                log.warn("Could not forget expired idempotency keys: {}", trouble.getMessage());
            }
        }
    }

    private static ProblemException outlivedItsLock() {
        return new ProblemException(ProblemType.BUSY.with(
                "The request took too long and was undone; nothing was changed. Send it again with the same key."));
    }

    private static ProblemException inFlight() {
        return new ProblemException(ProblemType.IDEMPOTENCY_KEY_IN_FLIGHT.with(
                "A request with this Idempotency-Key is still being processed; ask again in a moment."));
    }

    /** What makes two requests the same request: method, path, query, media type and body. */
    /**
     * What a key is unique within: the caller, the method and the path. A key belongs to whoever sent it: the same
     * key from two callers is two keys, and nobody is answered with another caller's stored answer by reusing her
     * key. The caller is the principal the service's security authenticated (this filter runs after it), the same
     * for every token of one user, so a retry with a renewed token still finds its key; none (a service without
     * security) is {@code anonymous}. A scope longer than its column is stored as its SHA-256.
     */
    static String scope(HttpServletRequest request) {
        var principal = request.getUserPrincipal();
        var caller = principal == null ? "anonymous" : principal.getName();
        var scope = caller + " " + request.getMethod() + " " + request.getRequestURI();
        return scope.length() <= MAX_SCOPE_LENGTH ? scope : "sha256:" + sha256(scope);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethod() + " " + request.getRequestURI() + "?"
                    + (request.getQueryString() == null ? "" : request.getQueryString()) + "\n"
                    + (request.getContentType() == null ? "" : request.getContentType()) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static final class ChainFailed extends RuntimeException {
        ChainFailed(Exception cause) {
            super(cause);
        }
    }
}
