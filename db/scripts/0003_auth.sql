-- Logins: each sign-in starts a family of refresh tokens; revoking the family ends the login.
create table refresh_token_families (
    id         uuid        primary key,
    user_id    uuid        not null references users (id) on delete cascade,
    created_at timestamptz not null,
    revoked_at timestamptz
);

create index ix_refresh_token_families_user_id on refresh_token_families (user_id);

-- Refresh tokens, by the SHA-256 (lowercase hex) of the token: the token itself is never stored.
-- used_at is set when the token is exchanged; a used token presented again revokes its family.
create table refresh_tokens (
    token_hash text        primary key,
    family_id  uuid        not null references refresh_token_families (id) on delete cascade,
    issued_at  timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);

create index ix_refresh_tokens_family_id on refresh_tokens (family_id);

-- Two-factor (TOTP) settings, one row per user who ever set it up. The secret is encrypted by
-- ASP.NET Core Data Protection (null when none is set up); last_used_step stops a code being used twice;
-- wrong_codes counts failures in the window that began at wrong_code_window_started_at.
create table user_two_factor (
    user_id                      uuid        primary key references users (id) on delete cascade,
    protected_secret             text,
    enabled                      boolean     not null,
    last_used_step               bigint,
    wrong_codes                  integer     not null,
    wrong_code_window_started_at timestamptz
);

-- Logins waiting for their second factor, by the SHA-256 of the ticket; spent on success.
create table two_factor_tickets (
    ticket_hash text        primary key,
    user_id     uuid        not null references users (id) on delete cascade,
    expires_at  timestamptz not null
);

create index ix_two_factor_tickets_expires_at on two_factor_tickets (expires_at);

-- The Data Protection key ring (XML elements as Data Protection writes them).
create table data_protection_keys (
    friendly_name text primary key,
    xml           text not null
);
