-- Users: one row per person who has logged in through the identity provider.
create table users (
    id           uuid        primary key,
    login        text        not null,
    display_name text        not null,
    created_at   timestamptz not null
);

-- The provider's login identifies a person across logins.
create unique index ux_users_login on users (login);

-- Display names are unique without regard to case.
create unique index ux_users_display_name on users (lower(display_name));
