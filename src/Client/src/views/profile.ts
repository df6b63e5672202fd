import qrcode from "qrcode-generator";
import { api, currentUser, setUser } from "../api";
import { append, dateTime, h, toast } from "../dom";
import { sentenceOf } from "../errors";
import type { Friends, FriendView, Guid, LeaderboardEntry, MatchView, OwnProfile, PublicProfile, Status } from "../protocol";
import { chat, game } from "../realtime";
import { link, navigate } from "../router";
import { openDirect } from "./chat";

const achievementNames: Record<string, string> = {
  first_win: "First win",
  ten_wins: "Ten wins",
  flawless_win: "Flawless win",
  comeback: "Comeback",
  first_spectated: "First time watched",
};

function statusBadge(status: Status): HTMLElement {
  return h("span", { class: `presence ${status}`, "data-status": status }, status === "in-game" ? "in a game" : status);
}

function stats(profile: PublicProfile): HTMLElement {
  const s = profile.stats;
  return h("div", { class: "stats" },
    h("div", {}, h("strong", {}, String(s.rating)), " rating"),
    h("div", {}, h("strong", {}, s.rank === null ? "—" : `#${s.rank}`), " rank"),
    h("div", {}, h("strong", {}, String(s.wins)), " wins"),
    h("div", {}, h("strong", {}, String(s.losses)), " losses"),
    h("ul", { class: "achievements", "aria-label": "Achievements" },
      ...s.achievements.map(a => h("li", {}, `🏆 ${achievementNames[a] ?? a}`))));
}

async function history(userId: Guid): Promise<HTMLElement> {
  const matches = await api<MatchView[]>("GET", `/api/users/${userId}/matches?limit=20`);
  return h("section", { class: "card" }, h("h2", {}, "Match history"), matches.length === 0 ? h("p", { class: "muted" }, "No match yet.") :
    h("table", { class: "history" }, h("tbody", {}, ...matches.map(m => {
      const won = m.winnerId === userId;
      return h("tr", {},
        h("td", {}, won ? "Won" : "Lost"),
        h("td", {}, `${m.players[0].displayName} ${m.score[0]} : ${m.score[1]} ${m.players[1].displayName}`),
        h("td", { class: "muted" }, `${m.mode}${m.reason !== "score" ? `, ${m.reason}` : ""}`),
        h("td", { class: "muted" }, dateTime(m.endedAt)));
    }))));
}

/** Someone's profile (/users/{id}); your own shows the settings too. */
export function userView(main: HTMLElement, params: string[]): () => void {
  const userId = params[0];
  const me = currentUser()!;
  if (userId === me.id) {
    navigate("/profile", true);
    return () => {};
  }
  const disposers: (() => void)[] = [];
  void (async () => {
    try {
      const [profile, friends, blocks] = await Promise.all([
        api<PublicProfile>("GET", `/api/users/${userId}`),
        api<Friends>("GET", "/api/users/me/friends"),
        api<{ id: Guid }[]>("GET", "/api/users/me/blocks"),
      ]);
      const isFriend = friends.friends.some(f => f.id === userId);
      const asked = friends.outgoing.some(f => f.id === userId);
      const askedMe = friends.incoming.some(f => f.id === userId);
      const blocked = blocks.some(b => b.id === userId);
      const status = statusBadge(profile.status);
      disposers.push(chat.on("PresenceChanged", e => {
        if (e.userId === userId) {
          status.replaceWith(statusBadge(e.status));
        }
      }));
      const act = (method: string, path: string, done: string) => async () => {
        try {
          await api(method, path);
          toast(done);
          navigate(`/users/${userId}`, true);
        } catch (e) {
          toast(sentenceOf(e), "error");
        }
      };
      main.append(h("div", { class: "profile" },
        h("section", { class: "card" },
          h("div", { class: "identity" },
            h("img", { class: "avatar", src: profile.avatarUrl, alt: "" }),
            h("div", {}, h("h1", {}, profile.displayName), h("p", { class: "muted" }, `@${profile.login} · `, status))),
          stats(profile),
          h("div", { class: "row wrap" },
            h("button", { type: "button", onclick: () => void openDirect(userId) }, "Message"),
            h("button", {
              type: "button", onclick: async () => {
                try {
                  const room = await game.invoke("Invite", userId, "classic");
                  navigate(`/game/${room.roomId}`);
                } catch (e) {
                  toast(sentenceOf(e), "error");
                }
              },
            }, "Invite to a game"),
            isFriend ? h("button", { type: "button", class: "secondary", onclick: act("DELETE", `/api/users/me/friends/${userId}`, "Friend removed.") }, "Unfriend")
              : asked ? h("button", { type: "button", class: "secondary", onclick: act("DELETE", `/api/users/me/friends/${userId}`, "Request canceled.") }, "Cancel friend request")
                : h("button", { type: "button", onclick: act("PUT", `/api/users/me/friends/${userId}`, askedMe ? "You are friends now." : "Friend request sent.") }, askedMe ? "Accept friend request" : "Add friend"),
            blocked ? h("button", { type: "button", class: "secondary", onclick: act("DELETE", `/api/users/me/blocks/${userId}`, "Unblocked.") }, "Unblock")
              : h("button", { type: "button", class: "danger", onclick: act("PUT", `/api/users/me/blocks/${userId}`, "Blocked.") }, "Block"))),
        await history(userId)));
    } catch (e) {
      main.append(h("p", { class: "error", role: "alert" }, sentenceOf(e)));
    }
  })();
  return () => disposers.forEach(dispose => dispose());
}

/** Your profile (/profile): name, avatar, two-factor, friends, requests and blocks. */
export function profileView(main: HTMLElement): () => void {
  const disposers: (() => void)[] = [];
  const friendsCard = h("section", { class: "card" });
  const twoFactorCard = h("section", { class: "card" });

  async function load(): Promise<void> {
    const me = await api<OwnProfile>("GET", "/api/users/me");
    setUser(me);
    const name = h("input", { id: "display-name", name: "displayName", value: me.displayName, minlength: 3, maxlength: 20, required: true });
    const rename = h("form", { class: "inline" }, name, h("button", { type: "submit" }, "Save"));
    rename.addEventListener("submit", async event => {
      event.preventDefault();
      try {
        setUser(await api<OwnProfile>("PATCH", "/api/users/me", { displayName: name.value.trim() }));
        toast("Display name saved.");
      } catch (e) {
        toast(sentenceOf(e), "error");
      }
    });
    const file = h("input", { type: "file", id: "avatar", name: "file", accept: "image/png,image/jpeg,image/gif,image/webp" });
    const avatar = h("img", { class: "avatar big", src: `${me.avatarUrl}?v=${Date.now()}`, alt: "Your avatar" });
    file.addEventListener("change", async () => {
      if (!file.files?.length) {
        return;
      }
      const form = new FormData();
      form.append("file", file.files[0]);
      try {
        await api("PUT", "/api/users/me/avatar", form);
        avatar.src = `${me.avatarUrl}?v=${Date.now()}`;
        toast("Avatar saved.");
      } catch (e) {
        toast(sentenceOf(e), "error");
      } finally {
        file.value = "";
      }
    });
    main.replaceChildren(h("div", { class: "profile" },
      h("section", { class: "card" },
        h("div", { class: "identity" }, avatar, h("div", {}, h("h1", {}, me.displayName), h("p", { class: "muted" }, `@${me.login}`))),
        h("label", { for: "display-name" }, "Display name (3–20 letters, digits, _ or -)"), rename,
        h("label", { for: "avatar" }, "Avatar (PNG, JPEG, GIF or WebP, at most 1 MiB)"), file,
        stats(me)),
      twoFactorCard, friendsCard, await history(me.id)));
    renderTwoFactor(me.twoFactorEnabled);
    await loadFriends();
  }

  function renderTwoFactor(enabled: boolean): void {
    const code = h("input", { id: "twofa-code", name: "code", inputmode: "numeric", pattern: "[0-9]{6}", maxlength: 6, placeholder: "123456", "aria-label": "Code" });
    const area = h("div", {});
    if (enabled) {
      const form = h("form", { class: "inline" }, code, h("button", { type: "submit", class: "secondary" }, "Turn off"));
      form.addEventListener("submit", async event => {
        event.preventDefault();
        try {
          await api("POST", "/api/auth/2fa/disable", { code: code.value.trim() });
          toast("Two-factor authentication is off.");
          renderTwoFactor(false);
        } catch (e) {
          toast(sentenceOf(e), "error");
        }
      });
      area.append(h("p", {}, "Two-factor authentication is on. Enter a current code to turn it off."), form);
    } else {
      const setup = h("button", { type: "button" }, "Set up");
      setup.addEventListener("click", async () => {
        try {
          const { secret, otpauthUri } = await api<{ secret: string; otpauthUri: string }>("POST", "/api/auth/2fa/setup");
          const qr = qrcode(0, "M");
          qr.addData(otpauthUri);
          qr.make();
          const form = h("form", { class: "inline" }, code, h("button", { type: "submit" }, "Turn on"));
          form.addEventListener("submit", async event => {
            event.preventDefault();
            try {
              await api("POST", "/api/auth/2fa/enable", { code: code.value.trim() });
              toast("Two-factor authentication is on.");
              renderTwoFactor(true);
            } catch (e) {
              toast(sentenceOf(e), "error");
            }
          });
          const image = h("div", { class: "qr", "aria-label": "QR code for your authenticator app" });
          image.innerHTML = qr.createSvgTag({ cellSize: 4, margin: 2, scalable: true });
          area.replaceChildren(h("p", {}, "Scan this with your authenticator app (or type the secret), then enter the code it shows."),
            image, h("p", {}, h("code", {}, secret)), form);
          code.focus();
        } catch (e) {
          toast(sentenceOf(e), "error");
        }
      });
      area.append(h("p", {}, "Two-factor authentication is off."), setup);
    }
    twoFactorCard.replaceChildren(h("h2", {}, "Two-factor authentication"), area);
  }

  async function loadFriends(): Promise<void> {
    try {
      const [friends, blocks] = await Promise.all([
        api<Friends>("GET", "/api/users/me/friends"),
        api<{ id: Guid; displayName: string }[]>("GET", "/api/users/me/blocks"),
      ]);
      const act = (method: string, path: string) => async () => {
        try {
          await api(method, path);
          await loadFriends();
        } catch (e) {
          toast(sentenceOf(e), "error");
        }
      };
      const row = (f: FriendView, ...buttons: HTMLElement[]) => h("li", { "data-friend": f.displayName },
        link(`/users/${f.id}`, f.displayName), " ", statusBadge(f.status), ...buttons);
      const search = h("input", { type: "search", name: "user-search", placeholder: "Find people", "aria-label": "Find people" });
      const found = h("ul", {});
      search.addEventListener("input", async () => {
        const text = search.value.trim();
        if (text.length < 1) {
          found.replaceChildren();
          return;
        }
        const users = await api<{ id: Guid; displayName: string }[]>("GET", `/api/users?search=${encodeURIComponent(text)}&limit=10`);
        found.replaceChildren(...users.map(u => h("li", {}, link(`/users/${u.id}`, u.displayName))));
      });
      friendsCard.replaceChildren();
      append(friendsCard,
        h("h2", {}, "Friends"),
        h("ul", { class: "friends" }, ...friends.friends.map(f => row(f,
          h("button", { type: "button", class: "small secondary", onclick: act("DELETE", `/api/users/me/friends/${f.id}`) }, "Unfriend")))),
        friends.friends.length === 0 ? h("p", { class: "muted" }, "No friend yet: find people below.") : null,
        friends.incoming.length ? h("h3", {}, "Asking to be your friend") : null,
        h("ul", {}, ...friends.incoming.map(f => row(f,
          h("button", { type: "button", class: "small", onclick: act("PUT", `/api/users/me/friends/${f.id}`) }, "Accept"),
          h("button", { type: "button", class: "small secondary", onclick: act("DELETE", `/api/users/me/friends/${f.id}`) }, "Decline")))),
        friends.outgoing.length ? h("h3", {}, "You asked") : null,
        h("ul", {}, ...friends.outgoing.map(f => row(f,
          h("button", { type: "button", class: "small secondary", onclick: act("DELETE", `/api/users/me/friends/${f.id}`) }, "Cancel")))),
        blocks.length ? h("h3", {}, "Blocked") : null,
        h("ul", {}, ...blocks.map(b => h("li", {}, link(`/users/${b.id}`, b.displayName),
          h("button", { type: "button", class: "small secondary", onclick: act("DELETE", `/api/users/me/blocks/${b.id}`) }, "Unblock")))),
        search, found);
    } catch (e) {
      toast(sentenceOf(e), "error");
    }
  }

  disposers.push(chat.on("PresenceChanged", () => void loadFriends()));
  disposers.push(chat.on("Notice", n => {
    if (n.code === "friend_request" || n.code === "friend_accepted") {
      void loadFriends();
    }
  }));
  load().catch(e => main.replaceChildren(h("p", { class: "error", role: "alert" }, sentenceOf(e))));
  return () => disposers.forEach(dispose => dispose());
}

/** The leaderboard (/leaderboard). */
export function leaderboardView(main: HTMLElement): void {
  void (async () => {
    try {
      const entries = await api<LeaderboardEntry[]>("GET", "/api/leaderboard?limit=50");
      main.append(h("section", { class: "card" }, h("h1", {}, "Leaderboard"),
        entries.length === 0 ? h("p", { class: "muted" }, "Nobody has played yet.") :
          h("table", { class: "leaderboard" },
            h("thead", {}, h("tr", {}, h("th", {}, "#"), h("th", {}, "Player"), h("th", {}, "Rating"), h("th", {}, "W"), h("th", {}, "L"))),
            h("tbody", {}, ...entries.map(e => h("tr", {},
              h("td", {}, String(e.rank)), h("td", {}, link(`/users/${e.user.id}`, e.user.displayName)),
              h("td", {}, String(e.rating)), h("td", {}, String(e.wins)), h("td", {}, String(e.losses))))))));
    } catch (e) {
      main.append(h("p", { class: "error", role: "alert" }, sentenceOf(e)));
    }
  })();
}
