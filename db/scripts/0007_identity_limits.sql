-- Brute-force limits and external identities.

-- Wrong passwords at a protected channel, per (channel, user), since that user's last right one: the
-- lockout reads them (ChannelPasswordGuesses). Kept in the store so every instance sees the same count.
create table channel_password_guesses (
    channel_id    uuid        not null references channels (id) on delete cascade,
    user_id       uuid        not null references users (id) on delete cascade,
    wrong_guesses integer     not null check (wrong_guesses > 0),
    last_wrong_at timestamptz not null,
    primary key (channel_id, user_id)
);

-- Two-factor: wrong codes now count in a row (wrong_codes) and back off from the last one's time; the
-- hard limit's time locks out logins begun before it. wrong_code_window_started_at (0003) is no longer
-- used; its value seeds last_wrong_code_at so a lockout in progress carries over.
alter table user_two_factor add column last_wrong_code_at timestamptz;
alter table user_two_factor add column locked_at timestamptz;
update user_two_factor set last_wrong_code_at = wrong_code_window_started_at;

-- A ticket's issue time is when its login began (the lock compares it). Tickets waiting during the
-- upgrade lived the default 5 minutes; the app always gives the time, the default is for other writers.
alter table two_factor_tickets add column issued_at timestamptz;
update two_factor_tickets set issued_at = expires_at - interval '5 minutes';
alter table two_factor_tickets alter column issued_at set not null;
alter table two_factor_tickets alter column issued_at set default now();

-- External identities: a provider account is keyed by (provider, the provider's immutable id for the
-- person), not by its login, which a provider may rename or give to someone else. Every existing user
-- came in through the provider (dev-login is for development only): they belong to '42' (the default
-- Auth:OAuth:Provider) with their id unknown until their next login fills it in, matched by login only
-- while it is unknown. Dev-login accounts have no provider and are never matched to a provider login.
alter table users add column provider text;
alter table users add column provider_user_id text;
update users set provider = '42';
alter table users add constraint ck_users_provider_user_id check (provider_user_id is null or provider is not null);

-- Logins are unique only where they still identify someone: among dev-login accounts, and among a
-- provider's accounts whose id is unknown. A linked account keeps its login as a label; a recycled
-- login gets its own account beside it.
drop index ux_users_login;
create unique index ux_users_provider_user_id on users (provider, provider_user_id) where provider_user_id is not null;
create unique index ux_users_unlinked_login on users (provider, login) where provider is not null and provider_user_id is null;
create unique index ux_users_dev_login on users (login) where provider is null;
