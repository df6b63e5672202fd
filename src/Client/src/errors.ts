// Every error code the server answers, as a sentence a person understands. The server's own sentence
// (after "code: ") is kept as a detail where it says more (a mute's end, a rate limit's wait).

const sentences: Record<string, string> = {
  validation: "That was not accepted: please check what you typed.",
  internal: "Something went wrong on our side. Please try again.",
  unavailable: "The server is busy or its database is unreachable right now. Please try again in a moment.",
  rate_limited: "You are going too fast. Please wait a moment and try again.",
  too_many_connections: "You have too many tabs or devices connected. Close one and reload this page.",
  slow_consumer: "This page fell behind the conversation and was disconnected. Reconnecting…",
  not_found: "That does not exist.",
  forbidden: "You are not allowed to do that.",
  conflict: "That clashes with something that changed meanwhile. Please try again.",
  method_not_allowed: "That cannot be done here.",
  error: "That request was not accepted.",
  too_large: "That is too large.",
  unsupported_media_type: "That kind of file is not accepted: use a PNG, JPEG, GIF or WebP image.",
  "auth.required": "Please log in.",
  "auth.invalid_token": "Your session has ended. Please log in again.",
  "auth.two_factor_required": "Enter the code from your authenticator app.",
  "auth.two_factor_invalid": "That code is wrong or was already used. Wait for the next code and try again.",
  "auth.two_factor_already_enabled": "Two-factor authentication is already on.",
  "auth.two_factor_not_enabled": "Two-factor authentication is not on.",
  "auth.two_factor_not_set_up": "Set up two-factor authentication first.",
  "auth.oauth_denied": "The login with 42 was declined.",
  "auth.oauth_failed": "The login with 42 failed. Please try again.",
  "auth.oauth_invalid_state": "The login took too long or was interrupted. Please start again.",
  "auth.oauth_not_configured": "Login with 42 is not set up on this server.",
  "auth.provider_unavailable": "The 42 login service cannot be reached right now.",
  "user.not_found": "That user does not exist.",
  "user.name_taken": "That display name is already taken.",
  "user.blocked": "You cannot do that: one of you has blocked the other.",
  "user.friendship_changed": "The friendship changed at the same moment. Please try again.",
  "channel.not_found": "That channel does not exist (any more).",
  "channel.not_member": "You are not a member of that channel.",
  "channel.banned": "You are banned from that channel.",
  "channel.wrong_password": "Wrong password for that channel.",
  "channel.forbidden": "You are not allowed to do that in this channel.",
  "channel.owner_protected": "Nobody can do that to the channel's owner.",
  "chat.muted": "You are muted in this channel.",
  "game.not_found": "That game does not exist (any more).",
  "game.blocked": "You cannot do that: one of you has blocked the other.",
  "game.busy": "You are already in a game or a queue.",
  "game.not_in_room": "You are not a player in that game.",
  "game.not_invited": "That invitation is not for you.",
  "game.not_host": "Only the host can do that.",
  "game.wrong_phase": "That cannot be done at this point of the game.",
  "game.already_in_room": "You are a player in that game.",
  "game.unavailable": "The server running that game does not answer. Please try again in a few seconds.",
};

/** A refusal from the server: an HTTP problem or a hub error, with its code. */
export class ServerError extends Error {
  constructor(readonly code: string, readonly detail: string, readonly status?: number, readonly fields?: Record<string, string[]>) {
    super(`${code}: ${detail}`);
  }
}

/** Splits a hub error ("… HubException: code: sentence" or "code: sentence") into code and sentence. */
export function fromHubError(error: unknown): ServerError {
  const message = error instanceof Error ? error.message : String(error);
  const at = message.indexOf("HubException: ");
  const coded = at >= 0 ? message.slice(at + "HubException: ".length) : message;
  const match = /^([a-z_]+(?:\.[a-z_]+)*): (.*)$/s.exec(coded);
  return match ? new ServerError(match[1], match[2]) : new ServerError("connection", coded);
}

/** What to tell a person about any failure. */
export function sentenceOf(error: unknown): string {
  const e = error instanceof ServerError ? error : fromHubError(error);
  if (e.code === "connection") {
    return "The connection to the server is lost. Please wait while it comes back.";
  }
  const known = sentences[e.code];
  const fields = e.fields ? Object.values(e.fields).flat().join(" ") : "";
  const worth = e.code === "chat.muted" || e.code === "rate_limited" || e.code === "channel.banned" || e.code === "validation";
  if (!known) {
    return e.detail ? capitalize(e.detail) : "Something went wrong.";
  }
  if (fields) {
    return `${known} ${fields}`;
  }
  return worth && e.detail ? `${known} (${e.detail})` : known;
}

function capitalize(text: string): string {
  const t = text.endsWith(".") ? text : `${text}.`;
  return t.charAt(0).toUpperCase() + t.slice(1);
}
