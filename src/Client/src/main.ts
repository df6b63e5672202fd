// The browser client: routes, the header, and the session's connections.

import { currentUser, logout, onSessionChange, restore } from "./api";
import { byId, h, toast } from "./dom";
import { noticeSentence } from "./notices";
import type { OwnProfile } from "./protocol";
import { chat, connectAll, disconnectAll } from "./realtime";
import { link, navigate, render, route } from "./router";
import { chatView } from "./views/chat";
import { lobbyView, roomView } from "./views/game";
import { loginView } from "./views/login";
import { leaderboardView, profileView, userView } from "./views/profile";

const uuid = "([0-9a-fA-F-]{36})";

/** Pages that need a session send a visitor to the login page first. */
function signedIn(view: (main: HTMLElement, params: string[]) => (() => void) | void) {
  return (main: HTMLElement, params: string[]) => {
    if (!currentUser()) {
      navigate(`/login?next=${encodeURIComponent(location.pathname)}`, true);
      return;
    }
    return view(main, params);
  };
}

route(/^\/login$/, main => {
  if (currentUser()) {
    navigate(new URLSearchParams(location.search).get("next") ?? "/chat", true);
    return;
  }
  loginView(main);
});
route(/^\/$/, main => {
  if (new URLSearchParams(location.search).get("twoFactor") === "required") {
    loginView(main);
    return;
  }
  navigate(currentUser() ? "/chat" : "/login", true);
});
route(new RegExp(`^/chat(?:/${uuid})?$`), signedIn(chatView));
route(/^\/game$/, signedIn(lobbyView));
route(new RegExp(`^/game/${uuid}$`), signedIn(roomView));
route(/^\/profile$/, signedIn(profileView));
route(new RegExp(`^/users/${uuid}$`), signedIn(userView));
route(/^\/leaderboard$/, signedIn(leaderboardView));

function header(user: OwnProfile | null): void {
  const top = byId("top");
  if (!user) {
    top.replaceChildren(h("span", { class: "brand" }, "Transcendence"));
    return;
  }
  const out = h("button", { type: "button", class: "secondary small" }, "Log out");
  out.addEventListener("click", async () => {
    await disconnectAll();
    await logout().catch(() => undefined);
    navigate("/login");
  });
  top.replaceChildren(
    link("/chat", "Transcendence", { class: "brand" }),
    h("nav", { class: "links" }, link("/chat", "Chat"), link("/game", "Play"), link("/leaderboard", "Leaderboard"),
      link("/profile", user.displayName, { id: "me", "data-user": user.id })),
    out);
}

// Notices meant for me, wherever I am (the chat page also shows channel notices in place).
chat.on("Notice", notice => {
  const me = currentUser();
  // A game invitation is told by the game hub's Invited (with a way to answer it).
  if (!me || notice.targetId !== me.id || notice.code === "game_invite") {
    return;
  }
  const onChatPage = location.pathname === `/chat/${notice.channelId}`;
  if (!onChatPage || notice.code === "kicked" || notice.code === "banned") {
    toast(noticeSentence(notice));
  }
});

let signedInAs: string | null = null;
onSessionChange(user => {
  header(user);
  if (user && signedInAs !== user.id) {
    signedInAs = user.id;
    void connectAll();
  } else if (!user && signedInAs) {
    signedInAs = null;
    void disconnectAll();
    toast("You are logged out.");
    navigate("/login");
  }
});

async function boot(): Promise<void> {
  const user = await restore();
  header(user);
  if (user) {
    signedInAs = user.id;
    await connectAll();
  }
  render();
}

window.addEventListener("unhandledrejection", event => {
  // Failures are shown where they happen; nothing should get here. Say it rather than fail silently.
  toast("Something went wrong.", "error");
  console.error(event.reason);
});

void boot();
