-- Erlbank's accounts and the transfers between them. Amounts are exact decimals (cents), never floating point.
create sequence account_number_seq start with 10000001 increment by 1;

create table account (
    number    bigint        not null primary key,
    version   bigint        not null,
    owner_id  uuid          not null,
    balance   numeric(15,2) not null,
    opened_at timestamp(6) with time zone not null,
    constraint account_balance_not_negative check (balance >= 0)
);

create index account_owner on account (owner_id, number);

create table transfer (
    id           uuid          not null primary key,
    from_account bigint        not null references account (number),
    to_account   bigint        not null references account (number),
    amount       numeric(15,2) not null,
    booked_at    timestamp(6) with time zone not null,
    constraint transfer_amount_positive check (amount > 0),
    constraint transfer_between_two_accounts check (from_account <> to_account)
);

create index transfer_from on transfer (from_account, booked_at);
create index transfer_to on transfer (to_account, booked_at);
