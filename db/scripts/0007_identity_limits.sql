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
