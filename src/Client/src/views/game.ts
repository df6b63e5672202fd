import { api, currentUser } from "../api";
import { h, toast } from "../dom";
import { sentenceOf, ServerError } from "../errors";
import { Field, type GameEnded, type LiveGame, type GameState, type Guid, type Mode, type RoomUpdated, type Settings } from "../protocol";
import { game } from "../realtime";
import { link, navigate } from "../router";

// Invitations can arrive on any page: they are kept here and shown on the game page (and as a toast).
const invitations = new Map<Guid, { from: string; mode: Mode }>();
game.on("Invited", invite => {
  invitations.set(invite.roomId, { from: invite.from.displayName, mode: invite.mode });
  toast(`${invite.from.displayName} invites you to a game of ${invite.mode} Pong: see Play.`);
});
game.on("InviteCanceled", e => invitations.delete(e.roomId));

// The newest RoomUpdated of each room: a room's first ones arrive while the page is still changing over.
const rooms = new Map<Guid, RoomUpdated>();
game.on("RoomUpdated", r => rooms.set(r.roomId, r));

/** Games that ended without a winner: nothing was stored. */
const unfinished: Record<string, string> = {
  shutdown: "The game was stopped: the server shut down.",
  instance_lost: "The game was lost: the server running it stopped.",
};

const reasons: Record<string, string> = {
  score: "",
  forfeit: " (the other player left)",
  disconnected: " (the other player's connection was lost)",
};

/** Queue, invitations and live rooms (/game). */
export function lobbyView(main: HTMLElement): () => void {
  const disposers: (() => void)[] = [];
  const mode = h("select", { id: "mode", name: "mode" }, h("option", { value: "classic" }, "Classic"), h("option", { value: "speed" }, "Speed"));
  const status = h("p", { class: "status", role: "status" });
  const play = h("button", { type: "button", class: "primary" }, "Play");
  const cancel = h("button", { type: "button", class: "secondary", hidden: true }, "Cancel");
  const invites = h("ul", { class: "invites" });
  const live = h("ul", { class: "live-games" });

  function renderInvites(): void {
    invites.replaceChildren(...[...invitations].map(([roomId, invite]) => h("li", {},
      `${invite.from} invites you (${invite.mode}) `,
      h("button", { type: "button", onclick: () => void answer(roomId, true) }, "Accept"),
      h("button", { type: "button", class: "secondary", onclick: () => void answer(roomId, false) }, "Decline"))));
    if (invitations.size === 0) {
      invites.append(h("li", { class: "muted" }, "No invitation."));
    }
  }

  async function answer(roomId: Guid, accept: boolean): Promise<void> {
    invitations.delete(roomId);
    try {
      if (accept) {
        await game.invoke("AcceptInvite", roomId);
        navigate(`/game/${roomId}`);
      } else {
        await game.invoke("DeclineInvite", roomId);
        renderInvites();
      }
    } catch (e) {
      toast(sentenceOf(e), "error");
      renderInvites();
    }
  }

  function waiting(on: boolean): void {
    play.hidden = on;
    cancel.hidden = !on;
    mode.disabled = on;
    status.textContent = on ? "Waiting for an opponent…" : "";
  }

  play.addEventListener("click", async () => {
    try {
      waiting(true);
      await game.invoke("JoinQueue", mode.value as Mode);
    } catch (e) {
      waiting(false);
      status.textContent = sentenceOf(e);
    }
  });
  cancel.addEventListener("click", async () => {
    try {
      await game.invoke("LeaveQueue");
    } finally {
      waiting(false);
    }
  });
  disposers.push(game.on("Matched", matched => navigate(`/game/${matched.roomId}`)));
  disposers.push(game.on("QueueTimedOut", () => {
    waiting(false);
    status.textContent = "Nobody came in time. Try again?";
  }));
  disposers.push(game.on("Invited", () => renderInvites()));
  disposers.push(game.on("InviteCanceled", () => renderInvites()));

  main.append(h("div", { class: "lobby" },
    h("section", { class: "card" }, h("h1", {}, "Play Pong"),
      h("label", { for: "mode" }, "Mode"), mode, h("div", { class: "row" }, play, cancel), status),
    h("section", { class: "card" }, h("h2", {}, "Invitations"), invites),
    h("section", { class: "card" }, h("h2", {}, "Watch a live game"), live)));
  renderInvites();

  async function loadLive(): Promise<void> {
    try {
      const games = await api<LiveGame[]>("GET", "/api/games/live");
      live.replaceChildren(...games.map(g => h("li", { "data-room": g.roomId },
        link(`/game/${g.roomId}`, `${g.players.map(p => p.displayName).join(" vs ")}`),
        ` · ${g.mode} · ${g.phase === "playing" ? `${g.score[0]} : ${g.score[1]}` : "about to start"}${g.spectators ? ` · ${g.spectators} watching` : ""}`)));
      if (games.length === 0) {
        live.append(h("li", { class: "muted" }, "Nobody is playing right now."));
      }
    } catch {
      // the next round tries again
    }
  }
  void loadLive();
  const liveTimer = window.setInterval(() => void loadLive(), 5_000);
  return () => {
    window.clearInterval(liveTimer);
    disposers.forEach(dispose => dispose());
    if (!cancel.hidden) {
      game.send("LeaveQueue");
    }
  };
}

/** One room (/game/{roomId}): settings, countdown, play on a canvas, the end screen; spectators watch. */
export function roomView(main: HTMLElement, params: string[]): () => void {
  const roomId = params[0];
  const me = currentUser()!;
  const disposers: (() => void)[] = [];
  let room: RoomUpdated | null = null;
  let spectating = false;
  let ended: GameEnded | null = null;
  let previous: { state: GameState; at: number } | null = null;
  let latest: { state: GameState; at: number } | null = null;
  let frame = 0;
  let seq = 0;
  const keys = { up: false, down: false };
  let sent = { up: false, down: false };

  const title = h("h1", {}, "Game");
  const info = h("p", { class: "status", role: "status", id: "game-status" });
  const scoreboard = h("div", { class: "scoreboard", "aria-label": "Score" });
  const settings = h("form", { class: "card settings", hidden: true });
  const canvas = h("canvas", { width: Field.width, height: Field.height, class: "field", "aria-label": "Pong field", tabindex: 0 });
  const overlay = h("div", { class: "overlay", hidden: true });
  const controls = h("div", { class: "touch-controls" },
    h("button", { type: "button", "aria-label": "Paddle up", "data-dir": "up" }, "▲"),
    h("button", { type: "button", "aria-label": "Paddle down", "data-dir": "down" }, "▼"));
  const leave = h("button", { type: "button", class: "secondary" }, "Leave");
  main.append(h("div", { class: "room" },
    h("div", { class: "row" }, title, leave), info, scoreboard, settings,
    h("div", { class: "stage" }, canvas, overlay), controls));
  const context = canvas.getContext("2d")!;
  settings.addEventListener("submit", event => event.preventDefault());

  const isPlayer = () => room?.players.some(p => p.id === me.id) ?? false;
  const isHost = () => room?.players[0]?.id === me.id;
  const nameOf = (id: Guid) => room?.players.find(p => p.id === id)?.displayName ?? "someone";

  function renderRoom(): void {
    if (!room) {
      return;
    }
    const [left, right] = room.players;
    title.textContent = right ? `${left.displayName} vs ${right.displayName}` : `${left?.displayName ?? ""} is waiting`;
    const watchers = room.spectators > 0 ? ` · ${room.spectators} watching` : "";
    const phaseText: Record<string, string> = {
      waiting: "Waiting for the other player…",
      settings: "Choose the settings, then get ready.",
      countdown: "Get ready…",
      playing: room.paused ? "Paused: waiting for a player to reconnect." : isPlayer() ? "Use W/S or the arrow keys (or the buttons)." : "Watching live.",
      finished: "The game is over.",
      closed: "This room is closed.",
    };
    info.textContent = `${spectating ? "Spectating · " : ""}${phaseText[room.phase] ?? room.phase}${watchers}`;
    settings.hidden = !(room.phase === "settings" || room.phase === "countdown") || !isPlayer();
    controls.hidden = !(isPlayer() && room.phase === "playing");
    if (!settings.hidden) {
      renderSettings(room);
    }
    if (room.phase === "countdown" && room.countdownEndsAt && !latest) {
      countdown(Date.parse(room.countdownEndsAt));
    } else if (room.phase === "playing" || room.phase === "settings") {
      overlay.hidden = true;
    }
    if (room.phase === "closed" && !ended) {
      showOverlay("This room is closed.", h("a", { href: "/game", class: "button" }, "Back"));
    }
  }

  function renderSettings(r: RoomUpdated): void {
    const mine = r.players.findIndex(p => p.id === me.id);
    const field = (name: keyof Settings, label: string, min: number, max: number, step: number) => {
      const input = h("input", { type: "number", id: `setting-${name}`, name, min, max, step, value: r.settings[name], disabled: !isHost() || r.phase !== "settings" });
      input.addEventListener("change", async () => {
        try {
          await game.invoke("UpdateSettings", roomId, { [name]: Number(input.value) });
        } catch (e) {
          toast(sentenceOf(e), "error");
        }
      });
      return h("div", { class: "field-row" }, h("label", { for: `setting-${name}` }, label), input);
    };
    const ready = h("button", { type: "button", class: r.ready[mine] ? "secondary" : "primary" }, r.ready[mine] ? "Not ready" : "Ready");
    ready.addEventListener("click", async () => {
      try {
        await game.invoke("SetReady", roomId, !r.ready[mine]);
      } catch (e) {
        toast(sentenceOf(e), "error");
      }
    });
    settings.replaceChildren(
      h("h2", {}, isHost() ? "Settings (you are the host)" : "Settings (the host chooses)"),
      field("winningScore", "Winning score", 1, 21, 1),
      field("ballSpeed", "Ball speed", 0.5, 2, 0.1),
      field("paddleSize", "Paddle size", 40, 160, 10),
      h("p", { class: "muted" }, r.players.map((p, i) => `${p.displayName}: ${r.ready[i] ? "ready" : "not ready"}`).join(" · ")),
      ready);
  }

  let countdownTimer: number | undefined;
  function countdown(endsAt: number): void {
    window.clearInterval(countdownTimer);
    const tick = () => {
      const left = Math.ceil((endsAt - Date.now()) / 1000);
      if (left <= 0 || room?.phase !== "countdown" || latest) {
        window.clearInterval(countdownTimer);
        if (room?.phase !== "countdown" || latest) {
          overlay.hidden = true;
        }
        return;
      }
      showOverlay(String(left));
    };
    tick();
    countdownTimer = window.setInterval(tick, 200);
  }

  function showOverlay(text: string, ...extra: HTMLElement[]): void {
    overlay.replaceChildren(h("div", { class: "overlay-text" }, text), ...extra);
    overlay.hidden = false;
  }

  function renderScore(score: number[]): void {
    if (!room) {
      return;
    }
    scoreboard.replaceChildren(
      h("span", { class: "player" }, room.players[0]?.displayName ?? ""),
      h("span", { class: "points", id: "score" }, `${score[0] ?? 0} : ${score[1] ?? 0}`),
      h("span", { class: "player" }, room.players[1]?.displayName ?? ""));
  }

  function draw(now: number): void {
    frame = requestAnimationFrame(draw);
    context.fillStyle = "#0b1020";
    context.fillRect(0, 0, Field.width, Field.height);
    context.fillStyle = "#2a3350";
    for (let y = 0; y < Field.height; y += 25) {
      context.fillRect(Field.width / 2 - 1, y, 2, 12);
    }
    if (!latest) {
      return;
    }
    // Draw one tick behind the newest State, between the two last ones: smooth at any display rate.
    const span = previous ? Math.max(1, latest.at - previous.at) : 1;
    const alpha = previous ? Math.min(1, Math.max(0, (now - latest.at) / span)) : 1;
    const lerp = (a: number, b: number) => a + (b - a) * alpha;
    const from = previous?.state ?? latest.state;
    const to = latest.state;
    const paddle = room?.settings.paddleSize ?? 80;
    context.fillStyle = "#e8ecff";
    to.paddles.forEach((p, i) => {
      const y = lerp(from.paddles[i]?.y ?? p.y, p.y);
      context.fillStyle = p.userId === me.id ? "#7cf29c" : "#e8ecff";
      context.fillRect(i === 0 ? Field.leftX : Field.rightX, y, Field.paddleWidth, paddle);
    });
    context.fillStyle = "#ffd166";
    context.fillRect(lerp(from.ball.x, to.ball.x), lerp(from.ball.y, to.ball.y), Field.ball, Field.ball);
  }

  function sendInput(): void {
    if (!isPlayer() || room?.phase !== "playing") {
      return;
    }
    if (keys.up !== sent.up || keys.down !== sent.down) {
      sent = { ...keys };
      seq += 1;
      game.send("Input", roomId, { up: keys.up, down: keys.down, seq });
    }
  }

  const keyOf = (key: string): "up" | "down" | null =>
    key === "w" || key === "W" || key === "ArrowUp" ? "up" : key === "s" || key === "S" || key === "ArrowDown" ? "down" : null;
  const onKey = (pressed: boolean) => (event: KeyboardEvent) => {
    const direction = keyOf(event.key);
    if (!direction || (event.target instanceof HTMLInputElement) || (event.target instanceof HTMLTextAreaElement)) {
      return;
    }
    event.preventDefault();
    keys[direction] = pressed;
    sendInput();
  };
  const keyDown = onKey(true);
  const keyUp = onKey(false);
  window.addEventListener("keydown", keyDown);
  window.addEventListener("keyup", keyUp);
  const release = () => { keys.up = false; keys.down = false; sendInput(); };
  window.addEventListener("blur", release);
  for (const button of controls.querySelectorAll<HTMLButtonElement>("button")) {
    const direction = button.dataset.dir as "up" | "down";
    button.addEventListener("pointerdown", event => { event.preventDefault(); keys[direction] = true; sendInput(); });
    button.addEventListener("pointerup", () => { keys[direction] = false; sendInput(); });
    button.addEventListener("pointerleave", () => { keys[direction] = false; sendInput(); });
  }
  // Touch on the field itself: the upper half moves up, the lower half down.
  canvas.addEventListener("touchstart", event => {
    const rect = canvas.getBoundingClientRect();
    const y = event.touches[0].clientY - rect.top;
    keys.up = y < rect.height / 2;
    keys.down = !keys.up;
    sendInput();
  }, { passive: true });
  canvas.addEventListener("touchend", release);

  leave.addEventListener("click", async () => {
    try {
      if (room && !isPlayer()) {
        await game.invoke("StopSpectating", roomId);
      } else if (room && room.phase !== "finished" && room.phase !== "closed") {
        if (room.kind === "invitation" && room.phase === "waiting" && isHost()) {
          await game.invoke("CancelInvite", roomId);
        } else {
          await game.invoke("LeaveRoom", roomId);
        }
      }
    } catch {
      // Leaving a room that is already gone is fine.
    }
    navigate("/game");
  });

  disposers.push(game.on("RoomUpdated", r => {
    if (r.roomId !== roomId) {
      return;
    }
    room = r;
    renderRoom();
    if (!latest) {
      renderScore([0, 0]);
    }
  }));
  disposers.push(game.on("State", s => {
    if (s.roomId !== roomId) {
      return;
    }
    previous = latest;
    latest = { state: s, at: performance.now() };
    // For people and tools that read the page: the newest tick and where the ball is heading.
    canvas.dataset.tick = String(s.tick);
    canvas.dataset.ballVy = String(s.ball.vy);
    if (!ended && !overlay.hidden && room?.phase !== "closed") {
      overlay.hidden = true; // play has begun (a State can overtake the RoomUpdated that says so)
      window.clearInterval(countdownTimer);
    }
    if (!previous || previous.state.score[0] !== s.score[0] || previous.state.score[1] !== s.score[1]) {
      renderScore(s.score);
    }
  }));
  disposers.push(game.on("Scored", s => {
    if (s.roomId === roomId) {
      renderScore(s.score);
    }
  }));
  disposers.push(game.on("PlayerLeft", e => {
    if (e.roomId === roomId) {
      toast(`${nameOf(e.userId)} ${e.reason === "left" ? "left" : "lost the connection"}.`);
    }
  }));
  disposers.push(game.on("InviteDeclined", e => {
    if (e.roomId === roomId) {
      showOverlay("The invitation was declined.", h("a", { href: "/game", class: "button" }, "Back"));
    }
  }));
  disposers.push(game.on("GameEnded", e => {
    if (e.roomId !== roomId) {
      return;
    }
    ended = e;
    const scored = e.score.length === 2;
    if (scored) {
      renderScore(e.score);
    }
    const won = e.winnerId === me.id;
    const headline = e.winnerId === null
      ? (unfinished[e.reason] ?? "The game ended without a result.")
      : isPlayer() ? (won ? "You won!" : "You lost.") : `${nameOf(e.winnerId)} won.`;
    const change = e.ratingChange?.[me.id];
    showOverlay(`${headline}${reasons[e.reason] ?? ""}`,
      scored ? h("div", { class: "final-score" }, `${e.score[0]} : ${e.score[1]}`) : h("div"),
      typeof change === "number" ? h("div", { class: "rating-change" }, `Rating ${change >= 0 ? "+" : ""}${change}`) : h("div"),
      h("div", { class: "row" }, link("/game", "Play again", { class: "button primary" }), link(`/users/${me.id}`, "Your profile", { class: "button" })));
    overlay.classList.add("ended");
  }));

  /** Joining the page: a player gets the room by reconnecting; anyone else asks to watch. */
  async function enter(): Promise<void> {
    if (room) {
      return;
    }
    try {
      await game.invoke("Spectate", roomId);
      spectating = true;
      renderRoom();
    } catch (e) {
      if (e instanceof ServerError && e.code === "game.already_in_room") {
        return; // a player: RoomUpdated comes on its own
      }
      if (!room) {
        showOverlay(sentenceOf(e), h("a", { href: "/game", class: "button" }, "Back"));
      }
    }
  }

  // A player's RoomUpdated (Matched, an accepted invitation) may already be on its way; give it a moment.
  const enterTimer = window.setTimeout(() => void enter(), 400);
  disposers.push(game.onConnected(() => { if (!room) { void enter(); } }));
  room = rooms.get(roomId) ?? null;
  if (room) {
    renderRoom();
    renderScore([0, 0]);
  }
  frame = requestAnimationFrame(draw);

  return () => {
    window.clearTimeout(enterTimer);
    window.clearInterval(countdownTimer);
    cancelAnimationFrame(frame);
    window.removeEventListener("keydown", keyDown);
    window.removeEventListener("keyup", keyUp);
    window.removeEventListener("blur", release);
    disposers.forEach(dispose => dispose());
    if (spectating && !ended) {
      game.send("StopSpectating", roomId);
    }
  };
}
