-- Games: played matches, players' figures (wins, losses, Elo rating, games watched) and achievements.
-- Live rooms are process state and are never stored. Enumerations are the client contract's words.

create table matches (
    id              uuid             primary key,
    mode            text             not null check (mode in ('classic', 'speed')),
    winning_score   integer          not null check (winning_score between 1 and 21),
    ball_speed      double precision not null,
    paddle_size     integer          not null,
    -- players[0] (the left paddle, the host) and players[1].
    left_player_id  uuid             not null references users (id),
    right_player_id uuid             not null references users (id),
    left_score      integer          not null check (left_score >= 0),
    right_score     integer          not null check (right_score >= 0),
    winner_id       uuid             not null references users (id),
    reason          text             not null check (reason in ('score', 'forfeit', 'disconnected')),
    started_at      timestamptz      not null,
    ended_at        timestamptz      not null,
    constraint ck_matches_two_players check (left_player_id <> right_player_id),
    constraint ck_matches_winner_played check (winner_id in (left_player_id, right_player_id))
);

-- A player's history pages: newest first by (ended_at, id), from either side.
create index ix_matches_left_history on matches (left_player_id, ended_at, id);
create index ix_matches_right_history on matches (right_player_id, ended_at, id);

create table player_stats (
    user_id         uuid    primary key references users (id),
    wins            integer not null default 0 check (wins >= 0),
    losses          integer not null default 0 check (losses >= 0),
    rating          integer not null default 1000,
    games_spectated integer not null default 0 check (games_spectated >= 0)
);

-- The leaderboard and ranks: by rating, then wins, then id.
create index ix_player_stats_ranking on player_stats (rating desc, wins desc, user_id) where wins + losses > 0;

create table achievements (
    user_id   uuid        not null references users (id),
    code      text        not null,
    earned_at timestamptz not null,
    primary key (user_id, code)
);
