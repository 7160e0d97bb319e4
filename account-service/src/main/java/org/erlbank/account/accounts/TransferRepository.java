package org.erlbank.account.accounts;

import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface TransferRepository extends JpaRepository<Transfer, UUID> {

    @Query("select t from Transfer t where t.fromAccount = :account or t.toAccount = :account")
    Page<Transfer> findByAccount(Long account, Pageable pageable);
}
