// The server's contract as TypeScript (PROTOCOL.md, docs/hubs.md). The hub interfaces below are checked
// against the server's hubs by a test (tests/Web.IntegrationTests/EndToEnd/HubSurfaceTests.cs): a method or
// event the server has and these lack, or the other way round, or a different argument count, fails it.

export type Guid = string;
export type Instant = string;

export interface UserRef { id: Guid; displayName: string }

export interface Stats { wins: number; losses: number; rating: number; rank: number | null; achievements: string[] }

export type Status = "online" | "offline" | "in-game";

export interface PublicProfile {
  id: Guid; login: string; displayName: string; avatarUrl: string; status: Status; stats: Stats;
}

export interface OwnProfile extends PublicProfile { twoFactorEnabled: boolean }

export interface AuthTokens {
  accessToken: string; accessTokenExpiresAt: Instant;
  refreshToken: string; refreshTokenExpiresAt: Instant;
  user: OwnProfile;
}

export interface TwoFactorChallenge { twoFactorRequired: true; ticket: string; ticketExpiresAt?: Instant }

export interface FriendView { id: Guid; displayName: string; avatarUrl: string; status: Status }
export interface Friends { friends: FriendView[]; incoming: FriendView[]; outgoing: FriendView[] }

export type Visibility = "public" | "private" | "protected";
export interface ChannelSummary {
  id: Guid; kind: "group" | "direct"; name: string | null; visibility: Visibility; memberCount: number; peerId: Guid | null;
}
export type Role = "owner" | "admin" | "member";
export interface MemberView { userId: Guid; displayName: string; role: Role; joinedAt: Instant }
export interface ChannelDetails {
  id: Guid; kind: "group" | "direct"; name: string | null; visibility: Visibility; createdAt: Instant;
  members: MemberView[]; mutes: { userId: Guid; until: Instant }[]; bans: { userId: Guid; until: Instant | null }[];
}

export interface ChatMessage {
  channelId: Guid; messageId: Guid; sender: UserRef; text: string; sentAt: Instant; clientMessageId: string;
}

export interface MatchView {
  id: Guid; mode: string; settings: Settings; players: UserRef[]; score: number[]; winnerId: Guid; reason: string;
  startedAt: Instant; endedAt: Instant;
}
export interface LiveGame { roomId: Guid; mode: Mode; phase: "settings" | "countdown" | "playing"; players: UserRef[]; score: number[]; spectators: number }
export interface LeaderboardEntry { rank: number; user: UserRef; rating: number; wins: number; losses: number }

// ---- Chat hub (/hubs/chat) ----

export interface SentMessage { messageId: Guid; sentAt: Instant }

export interface ChatHubMethods {
  SendMessage(channelId: Guid, text: string, clientMessageId: string): SentMessage;
  Signal(targetUserId: Guid, kind: "offer" | "answer" | "candidate" | "hangup", payload: unknown): void;
}

export interface Notice {
  code: string; channelId: Guid | null; actorId: Guid | null; targetId: Guid | null; until: Instant | null; text: string;
}

export interface ChatHubEvents {
  MessageReceived: ChatMessage;
  ChannelUpdated: { channelId: Guid; name: string | null; visibility: Visibility; kind: string; deleted: boolean };
  MemberJoined: { channelId: Guid; user: UserRef };
  MemberLeft: { channelId: Guid; userId: Guid; reason: "left" | "kicked" | "banned" };
  Notice: Notice;
  PresenceChanged: { userId: Guid; status: Status };
  Signal: { fromUserId: Guid; kind: string; payload: unknown };
}

// ---- Game hub (/hubs/game) ----

export type Mode = "classic" | "speed";
export type Phase = "waiting" | "settings" | "countdown" | "playing" | "finished" | "closed";
export interface Settings { winningScore: number; ballSpeed: number; paddleSize: number }
export interface RoomRef { roomId: Guid }

export interface GameHubMethods {
  JoinQueue(mode: Mode): RoomRef;
  LeaveQueue(): void;
  Invite(userId: Guid, mode: Mode): RoomRef;
  AcceptInvite(roomId: Guid): void;
  DeclineInvite(roomId: Guid): void;
  CancelInvite(roomId: Guid): void;
  UpdateSettings(roomId: Guid, settings: Partial<Settings>): void;
  SetReady(roomId: Guid, ready: boolean): void;
  Input(roomId: Guid, input: { up: boolean; down: boolean; seq: number }): void;
  Spectate(roomId: Guid): void;
  StopSpectating(roomId: Guid): void;
  LeaveRoom(roomId: Guid): void;
  Pong(seq: number): void;
}

export interface RoomUpdated {
  roomId: Guid; phase: Phase; mode: Mode; kind: "queue" | "invitation"; players: UserRef[]; settings: Settings;
  ready: boolean[]; countdownEndsAt: Instant | null; paused: boolean;
  awaitingReconnect: { userId: Guid; until: Instant }[]; spectators: number;
}

export interface GameState {
  roomId: Guid; tick: number; ball: { x: number; y: number; vx: number; vy: number };
  paddles: { userId: Guid; y: number; lastSeq: number | null }[]; score: number[];
}

export interface GameEnded {
  /** `winnerId` is null, `ratingChange` empty, for `shutdown` and `instance_lost` (whose `score` is empty too). */
  roomId: Guid; winnerId: Guid | null; score: number[]; reason: "score" | "forfeit" | "disconnected" | "shutdown" | "instance_lost";
  /** Each player's rating change (issue 13); absent from servers that do not send it yet. */
  ratingChange?: Record<Guid, number>;
}

export interface GameHubEvents {
  Matched: { roomId: Guid; mode: Mode; players: UserRef[] };
  RoomUpdated: RoomUpdated;
  QueueTimedOut: RoomRef;
  Invited: { roomId: Guid; from: UserRef; mode: Mode };
  InviteDeclined: RoomRef;
  InviteCanceled: RoomRef;
  State: GameState;
  Scored: { roomId: Guid; userId: Guid; score: number[] };
  PlayerLeft: { roomId: Guid; userId: Guid; reason: "left" | "disconnected" };
  GameEnded: GameEnded;
  Ping: { seq: number };
}

export const Field = { width: 800, height: 500, paddleWidth: 10, leftX: 20, rightX: 770, ball: 10 } as const;
