-- Blocks: one row per user a user blocks. A block is one-way; the rules treat either direction as a
-- wall between the two (no friendship, no DM, no game).
create table blocks (
    blocker_id uuid        not null references users (id) on delete cascade,
    blocked_id uuid        not null references users (id) on delete cascade,
    created_at timestamptz not null,
    primary key (blocker_id, blocked_id),
    constraint ck_blocks_not_self check (blocker_id <> blocked_id)
);

-- "Who blocks this user?" (chat delivery, matchmaking) reads by the blocked side.
create index ix_blocks_blocked_id on blocks (blocked_id);

-- Friendships: a request from requester to addressee ('pending') that becomes mutual once the
-- addressee accepts ('accepted'). Ending one, whatever its state, deletes the row.
create table friendships (
    requester_id uuid        not null references users (id) on delete cascade,
    addressee_id uuid        not null references users (id) on delete cascade,
    state        text        not null,
    requested_at timestamptz not null,
    accepted_at  timestamptz,
    primary key (requester_id, addressee_id),
    constraint ck_friendships_not_self check (requester_id <> addressee_id),
    constraint ck_friendships_state check (state in ('pending', 'accepted')),
    constraint ck_friendships_accepted_at check ((state = 'accepted') = (accepted_at is not null))
);

-- At most one friendship between two users, whichever of them asked.
create unique index ux_friendships_pair on friendships (least(requester_id, addressee_id), greatest(requester_id, addressee_id));

-- A user's friends and requests are found from either side.
create index ix_friendships_addressee_id on friendships (addressee_id);

-- Avatars: the image a user uploaded (at most 1 MiB, checked by the app), its content type and the
-- SHA-256 of its bytes (the ETag). No row: the user shows the built-in default.
create table avatars (
    user_id      uuid        primary key references users (id) on delete cascade,
    content_type text        not null,
    content      bytea       not null,
    tag          text        not null,
    updated_at   timestamptz not null
);
