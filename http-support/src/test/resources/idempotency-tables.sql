-- The tables a service needs for Idempotency-Key, as account-service creates them (migrations V2 and V4).
create table idempotency_key (
    idempotency_key  varchar(255)   not null,
    scope            varchar(300)   not null,
    fingerprint      char(64)       not null,
    state            varchar(10)    not null,
    locked_until     timestamp(6) with time zone not null,
    created_at       timestamp(6) with time zone not null,
    response_status  integer,
    response_headers varchar(2000),
    response_body    varchar(1000000),
    primary key (idempotency_key, scope),
    constraint idempotency_key_state check (state in ('IN_FLIGHT', 'DONE'))
);

create index idempotency_key_created on idempotency_key (created_at);

create table shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);
