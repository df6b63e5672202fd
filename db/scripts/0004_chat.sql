-- Chat: channels (group and direct), their members, invitations, bans and mutes, and messages.
-- Enumerations are stored as the client contract's lowercase words.

create table channels (
    id            uuid        primary key,
    kind          text        not null check (kind in ('group', 'direct')),
    name          text,
    visibility    text        not null check (visibility in ('public', 'protected', 'private')),
    password_hash text,
    -- For a direct channel, both user ids in uuid order: one direct channel per pair.
    direct_key    text,
    created_at    timestamptz not null,
    constraint ck_channels_named_groups check ((kind = 'group') = (name is not null)),
    constraint ck_channels_direct_key check ((kind = 'direct') = (direct_key is not null)),
    constraint ck_channels_direct_private check (kind = 'group' or visibility = 'private'),
    constraint ck_channels_password check ((visibility = 'protected') = (password_hash is not null))
);

create unique index ux_channels_direct_key on channels (direct_key);

-- The public list: listed channels by name.
create index ix_channels_listed on channels (lower(name)) where kind = 'group' and visibility in ('public', 'protected');

create table channel_members (
    channel_id uuid        not null references channels (id) on delete cascade,
    user_id    uuid        not null references users (id),
    role       text        not null check (role in ('owner', 'admin', 'member')),
    joined_at  timestamptz not null,
    primary key (channel_id, user_id)
);

-- "My channels".
create index ix_channel_members_user on channel_members (user_id);

-- At most one owner per channel.
create unique index ux_channel_members_owner on channel_members (channel_id) where role = 'owner';

create table channel_invites (
    channel_id uuid        not null references channels (id) on delete cascade,
    user_id    uuid        not null references users (id),
    invited_by uuid        not null references users (id),
    invited_at timestamptz not null,
    primary key (channel_id, user_id)
);

create table channel_bans (
    channel_id uuid        not null references channels (id) on delete cascade,
    user_id    uuid        not null references users (id),
    banned_by  uuid        not null references users (id),
    banned_at  timestamptz not null,
    -- Null: banned for good.
    until      timestamptz,
    primary key (channel_id, user_id)
);

create table channel_mutes (
    channel_id uuid        not null references channels (id) on delete cascade,
    user_id    uuid        not null references users (id),
    muted_by   uuid        not null references users (id),
    muted_at   timestamptz not null,
    until      timestamptz not null,
    primary key (channel_id, user_id)
);

-- The sweeper looks for restrictions that have ended.
create index ix_channel_mutes_until on channel_mutes (until);
create index ix_channel_bans_until on channel_bans (until) where until is not null;

create table messages (
    id                uuid        primary key,
    channel_id        uuid        not null references channels (id) on delete cascade,
    sender_id         uuid        not null references users (id),
    text              text        not null,
    sent_at           timestamptz not null,
    client_message_id text        not null
);

-- A send repeated with the same client message id is the same message.
create unique index ux_messages_sender_client_id on messages (sender_id, client_message_id);

-- History pages: newest first by (sent_at, id) within a channel.
create index ix_messages_history on messages (channel_id, sent_at, id);
