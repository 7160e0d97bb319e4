-- The customer API v2 adds a customer's postal address. Customers registered through v1 have none until a v2 client
-- gives it: either all four parts are there, or none.
alter table customer add column street varchar(200);
alter table customer add column postal_code varchar(16);
alter table customer add column city varchar(100);
alter table customer add column country varchar(2);
alter table customer add constraint customer_address_complete check (
    (street is null and postal_code is null and city is null and country is null)
    or (street is not null and postal_code is not null and city is not null and country is not null));
