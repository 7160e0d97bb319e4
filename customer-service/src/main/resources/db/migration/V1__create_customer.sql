-- Erlbank's customers. The version backs optimistic locking and the resource's ETag.
create table customer (
    id         uuid         not null primary key,
    version    bigint       not null,
    given_name varchar(100) not null,
    surname    varchar(100) not null
);

create index customer_name_order on customer (surname, given_name, id);
