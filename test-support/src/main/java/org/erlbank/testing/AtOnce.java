package org.erlbank.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs what several instances of a service would do at the same moment: one thread each, released together, and
 * every answer (or the first failure) once all are done.
 */
public final class AtOnce {

    private AtOnce() {
    }

    /**
     * @return each instance's answer, in the order of the instances
     * @throws ExecutionException when one of them failed (with its failure as the cause)
     */
    public static <T> List<T> run(int instances, Callable<T> work)
            throws InterruptedException, ExecutionException, TimeoutException {
        var together = new CyclicBarrier(instances);
        var pool = Executors.newFixedThreadPool(instances);
        try {
            var answers = new ArrayList<Future<T>>();
            for (int i = 0; i < instances; i++) {
                answers.add(pool.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return work.call();
                }));
            }
            var results = new ArrayList<T>();
            for (var answer : answers) {
                results.add(answer.get(2, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
