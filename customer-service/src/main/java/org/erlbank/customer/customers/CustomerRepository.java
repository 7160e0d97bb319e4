package org.erlbank.customer.customers;

import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface CustomerRepository extends JpaRepository<Customer, UUID> {

    Page<Customer> findBySurnameStartingWithIgnoreCase(String surnamePrefix, Pageable pageable);

    Page<Customer> findByIdAndSurnameStartingWithIgnoreCase(UUID id, String surnamePrefix, Pageable pageable);
}
