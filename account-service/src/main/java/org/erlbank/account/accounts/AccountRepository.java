package org.erlbank.account.accounts;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface AccountRepository extends JpaRepository<Account, Long> {

    /** Reads an account and locks its row until the transaction ends: the way transfers serialise. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from Account a where a.number = :number")
    Optional<Account> findForUpdate(Long number);

    Page<Account> findByOwnerId(UUID ownerId, Pageable pageable);

    /**
     * An account's owner, read without the account: an entity read here would stay in the persistence context, and
     * the row lock a transfer takes later in the same transaction (an Idempotency-Key runs the request in one) would
     * hand back that stale copy instead of the locked row.
     */
    @Query("select a.ownerId from Account a where a.number = :number")
    Optional<UUID> findOwnerIdByNumber(Long number);

    /** The numbers of a customer's accounts: what she may see (a customer has a few). */
    @Query("select a.number from Account a where a.ownerId = :ownerId")
    List<Long> findNumbersByOwnerId(UUID ownerId);
}
