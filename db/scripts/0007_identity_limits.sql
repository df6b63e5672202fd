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
