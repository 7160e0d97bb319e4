package org.erlbank.http.instances;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work a service does once in the life of its database (its demo data, say), whatever number of its instances share
 * that database and start at the same moment. The work runs in one transaction with a row that names it in the
 * {@code run_once} table (the service's migrations create it): a second instance that gets there meanwhile waits on
 * that row's key until the first commits, and then knows it is done; if the first fails or dies, its transaction,
 * the row included, is undone, and the next instance to start does the work.
 */
public final class OnceForAllInstances {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public OnceForAllInstances(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Runs the work, in one transaction, unless it ran before (here or in another instance).
     *
     * @param name what the work is called in {@code run_once} (at most 100 characters)
     * @return whether it ran now
     */
    public boolean run(String name, Runnable work) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            try {
                jdbc.sql("insert into run_once (name, ran_at) values (:name, current_timestamp)").param("name", name)
                        .update();
            } catch (DuplicateKeyException ranBefore) {
                status.setRollbackOnly();
                return false;
            }
            work.run();
            return true;
        }));
    }
}
