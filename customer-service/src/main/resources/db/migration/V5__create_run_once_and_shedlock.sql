-- Several instances of customer-service may share this database. What they must do once for all of them:
-- work done once in the database's life (the demo data), marked in the same transaction (OnceForAllInstances) ...
create table run_once (
    name   varchar(100) not null primary key,
    ran_at timestamp with time zone not null
);

-- ... and work done by one of them per period (forgetting expired idempotency keys), under ShedLock's lock.
create table shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);
