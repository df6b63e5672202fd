import { api, currentUser } from "../api";
import { append, h, time, toast, uuid } from "../dom";
import { sentenceOf, ServerError } from "../errors";
import { noticeSentence } from "../notices";
import type { ChannelDetails, ChannelSummary, ChatMessage, Guid, Notice, Visibility } from "../protocol";
import { chat, game } from "../realtime";
import { link, navigate } from "../router";

const pageSize = 50;

/** Opens (creating once) the direct channel with a user; refused across a block. */
export async function openDirect(userId: Guid): Promise<void> {
  try {
    const channel = await api<ChannelSummary>("POST", `/api/dms/${userId}`);
    navigate(`/chat/${channel.id}`);
  } catch (e) {
    toast(sentenceOf(e), "error");
  }
}

/** The chat: channel list, the open channel's messages (older pages on scroll up), members and moderation. */
export function chatView(main: HTMLElement, params: string[]): () => void {
  const me = currentUser()!;
  const channelId: Guid | undefined = params[0];
  const disposers: (() => void)[] = [];
  let details: ChannelDetails | null = null;
  let oldest: Guid | null = null;
  let hasMore = true;
  let loadingOlder = false;
  const names = new Map<Guid, string>();

  const list = h("nav", { class: "channels", "aria-label": "Channels" });
  const messages = h("ol", { class: "messages", "aria-label": "Messages", "aria-live": "polite" });
  const members = h("aside", { class: "members", "aria-label": "Members" });
  const header = h("div", { class: "channel-header" });
  const text = h("textarea", { id: "message", name: "message", rows: 2, maxlength: 2000, placeholder: "Write a message…", "aria-label": "Message" });
  const composer = h("form", { class: "composer" }, text, h("button", { type: "submit" }, "Send"));
  const conversation = h("section", { class: "conversation" }, header, messages, composer);
  main.append(h("div", { class: "chat" }, list, channelId ? conversation : h("section", { class: "conversation empty" }, browser()), channelId ? members : null));

  async function loadChannels(): Promise<void> {
    try {
      const mine = await api<ChannelSummary[]>("GET", "/api/channels/mine");
      list.replaceChildren(
        h("div", { class: "row" }, h("h2", {}, "Channels"), link("/chat", "Browse")),
        h("ul", {}, ...mine.map(c => h("li", { class: c.id === channelId ? "current" : "" },
          link(`/chat/${c.id}`, channelLabel(c), { "data-channel": c.id })))));
    } catch (e) {
      toast(sentenceOf(e), "error");
    }
  }

  function channelLabel(c: { kind: string; name: string | null; visibility: Visibility }): string {
    if (c.kind === "direct") {
      return `@ ${c.name ?? "direct message"}`;
    }
    return `# ${c.name}${c.visibility === "private" ? " (private)" : c.visibility === "protected" ? " (password)" : ""}`;
  }

  function directPeer(): Guid | undefined {
    return details?.kind === "direct" ? details.members.find(m => m.userId !== me.id)?.userId : undefined;
  }

  function messageItem(m: ChatMessage): HTMLLIElement {
    names.set(m.sender.id, m.sender.displayName);
    return h("li", { class: m.sender.id === me.id ? "message mine" : "message", "data-message": m.messageId },
      h("span", { class: "meta" }, link(`/users/${m.sender.id}`, m.sender.displayName, { class: "sender" }), " ", h("time", { datetime: m.sentAt }, time(m.sentAt))),
      h("span", { class: "text" }, m.text));
  }

  function noticeItem(text: string): HTMLLIElement {
    return h("li", { class: "notice" }, text);
  }

  function atBottom(): boolean {
    return messages.scrollHeight - messages.scrollTop - messages.clientHeight < 40;
  }

  async function loadOlder(): Promise<void> {
    if (!channelId || !hasMore || loadingOlder) {
      return;
    }
    loadingOlder = true;
    try {
      const query = oldest ? `?before=${oldest}&limit=${pageSize}` : `?limit=${pageSize}`;
      const page = await api<ChatMessage[]>("GET", `/api/channels/${channelId}/messages${query}`);
      hasMore = page.length === pageSize;
      if (page.length > 0) {
        oldest = page[page.length - 1].messageId;
        const before = messages.scrollHeight;
        const first = messages.firstChild;
        for (const m of page) {
          if (!messages.querySelector(`[data-message="${m.messageId}"]`)) {
            messages.insertBefore(messageItem(m), first);
          }
        }
        messages.scrollTop += messages.scrollHeight - before;
      }
    } catch (e) {
      toast(sentenceOf(e), "error");
    } finally {
      loadingOlder = false;
    }
  }

  /** After a (re)connection: what arrived meanwhile is in the newest page. */
  async function catchUp(): Promise<void> {
    if (!channelId || !details) {
      return;
    }
    try {
      const page = await api<ChatMessage[]>("GET", `/api/channels/${channelId}/messages?limit=${pageSize}`);
      const stick = atBottom();
      for (const m of [...page].reverse()) {
        if (!messages.querySelector(`[data-message="${m.messageId}"]`)) {
          messages.append(messageItem(m));
        }
      }
      if (stick) {
        messages.scrollTop = messages.scrollHeight;
      }
    } catch {
      // the next reconnect tries again
    }
  }

  async function loadDetails(): Promise<void> {
    if (!channelId) {
      return;
    }
    try {
      details = await api<ChannelDetails>("GET", `/api/channels/${channelId}`);
    } catch (e) {
      header.replaceChildren(h("p", { class: "error", role: "alert" }, sentenceOf(e)));
      composer.hidden = true;
      if (e instanceof ServerError && e.code === "channel.not_member") {
        header.append(joinForm(channelId, true));
      }
      return;
    }
    details.members.forEach(m => names.set(m.userId, m.displayName));
    renderHeader();
    renderMembers();
  }

  function renderHeader(): void {
    if (!details) {
      return;
    }
    const peer = directPeer();
    header.replaceChildren();
    append(header,
      h("h2", {}, details.kind === "direct" ? `Direct messages with ${names.get(peer ?? "") ?? "…"}` : `# ${details.name}`),
      peer ? h("button", { type: "button", onclick: () => void inviteToGame(peer) }, "Invite to a game") : null,
      details.kind === "group" ? h("button", { type: "button", class: "secondary", onclick: () => void leaveChannel() }, "Leave") : null,
      details.kind === "group" && details.visibility === "private" ? inviteForm() : null);
  }

  function myRole(): string {
    return details?.members.find(m => m.userId === me.id)?.role ?? "member";
  }

  function renderMembers(): void {
    if (!details) {
      return;
    }
    const role = myRole();
    const muted = new Map(details.mutes.map(m => [m.userId, m.until]));
    members.replaceChildren(h("h2", {}, `Members (${details.members.length})`), h("ul", {}, ...details.members.map(m => {
      const canModerate = details!.kind === "group" && m.userId !== me.id && m.role !== "owner" && (role === "owner" || (role === "admin" && m.role === "member"));
      const until = muted.get(m.userId);
      return h("li", { "data-member": m.displayName },
        link(`/users/${m.userId}`, m.displayName),
        m.role !== "member" ? h("span", { class: "badge" }, m.role) : null,
        until && Date.parse(until) > Date.now() ? h("span", { class: "badge muted-badge" }, `muted until ${time(until)}`) : null,
        canModerate ? moderation(m.userId, m.displayName, m.role, role === "owner", Boolean(until)) : null);
    })));
  }

  function moderation(userId: Guid, name: string, role: string, owner: boolean, muted: boolean): HTMLElement {
    const minutes = h("select", { "aria-label": `Mute ${name} for` },
      h("option", { value: "1" }, "1 min"), h("option", { value: "5" }, "5 min"), h("option", { value: "60" }, "1 hour"), h("option", { value: "1440" }, "1 day"));
    const act = (method: string, path: string, body?: unknown) => async () => {
      try {
        await api(method, `/api/channels/${channelId}/${path}/${userId}`, body);
        await loadDetails();
      } catch (e) {
        toast(sentenceOf(e), "error");
      }
    };
    return h("details", { class: "moderation" }, h("summary", { "aria-label": `Moderate ${name}` }, "⋯"),
      h("div", { class: "actions" },
        h("button", { type: "button", onclick: act("POST", "kick") }, "Kick"),
        h("button", { type: "button", onclick: act("PUT", "bans", {}) }, "Ban"),
        muted
          ? h("button", { type: "button", onclick: act("DELETE", "mutes") }, "Unmute")
          : h("span", { class: "inline" }, minutes, h("button", {
            type: "button",
            onclick: () => void act("PUT", "mutes", { until: new Date(Date.now() + Number(minutes.value) * 60_000).toISOString() })(),
          }, "Mute")),
        owner ? (role === "admin"
          ? h("button", { type: "button", onclick: act("DELETE", "admins") }, "Remove admin")
          : h("button", { type: "button", onclick: act("PUT", "admins") }, "Make admin")) : null));
  }

  function inviteForm(): HTMLElement {
    const who = h("input", { name: "invitee", placeholder: "login or display name", "aria-label": "Invite who" });
    const form = h("form", { class: "inline" }, who, h("button", { type: "submit" }, "Invite"));
    form.addEventListener("submit", async event => {
      event.preventDefault();
      try {
        const found = await api<{ id: Guid; displayName: string }[]>("GET", `/api/users?search=${encodeURIComponent(who.value.trim())}&limit=1`);
        if (found.length === 0) {
          toast("Nobody has that name.", "error");
          return;
        }
        await api("POST", `/api/channels/${channelId}/invites/${found[0].id}`);
        toast(`${found[0].displayName} is invited.`);
        who.value = "";
      } catch (e) {
        toast(sentenceOf(e), "error");
      }
    });
    return form;
  }

  async function leaveChannel(): Promise<void> {
    try {
      await api("POST", `/api/channels/${channelId}/leave`);
      navigate("/chat");
    } catch (e) {
      toast(sentenceOf(e), "error");
    }
  }

  async function inviteToGame(peer: Guid): Promise<void> {
    try {
      const room = await game.invoke("Invite", peer, "classic");
      navigate(`/game/${room.roomId}`);
    } catch (e) {
      toast(sentenceOf(e), "error");
    }
  }

  composer.addEventListener("submit", async event => {
    event.preventDefault();
    const value = text.value.trim();
    if (!channelId || value.length === 0) {
      return;
    }
    // One id per message, kept across retries of the same message: the server stores it once.
    const clientMessageId = text.dataset.clientMessageId ?? uuid();
    text.dataset.clientMessageId = clientMessageId;
    try {
      await chat.invoke("SendMessage", channelId, value, clientMessageId);
      text.value = "";
      delete text.dataset.clientMessageId;
    } catch (e) {
      toast(sentenceOf(e), "error");
      if (e instanceof ServerError && e.code !== "connection") {
        delete text.dataset.clientMessageId;
      }
    }
  });
  text.addEventListener("keydown", event => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  messages.addEventListener("scroll", () => {
    if (messages.scrollTop < 60) {
      void loadOlder();
    }
  });

  disposers.push(chat.on("MessageReceived", m => {
    if (m.channelId !== channelId || messages.querySelector(`[data-message="${m.messageId}"]`)) {
      return;
    }
    const stick = atBottom() || m.sender.id === me.id;
    messages.append(messageItem(m));
    if (stick) {
      messages.scrollTop = messages.scrollHeight;
    }
  }));
  disposers.push(chat.on("Notice", (notice: Notice) => {
    if (notice.channelId && notice.channelId === channelId) {
      messages.append(noticeItem(noticeSentence(notice)));
      messages.scrollTop = messages.scrollHeight;
      if (notice.targetId === me.id && (notice.code === "kicked" || notice.code === "banned")) {
        composer.hidden = true;
        members.replaceChildren();
        void loadChannels();
      } else {
        void loadDetails();
      }
    }
  }));
  disposers.push(chat.on("MemberJoined", e => {
    if (e.channelId === channelId) {
      void loadDetails();
    }
  }));
  disposers.push(chat.on("MemberLeft", e => {
    if (e.channelId === channelId) {
      void loadDetails();
    }
  }));
  disposers.push(chat.on("ChannelUpdated", e => {
    void loadChannels();
    if (e.channelId === channelId) {
      if (e.deleted) {
        navigate("/chat");
      } else {
        void loadDetails();
      }
    }
  }));
  disposers.push(chat.onConnected(() => void catchUp()));

  void loadChannels();
  if (channelId) {
    void loadDetails().then(async () => {
      if (details) {
        await loadOlder();
        messages.scrollTop = messages.scrollHeight;
        text.focus();
      }
    });
  }

  return () => disposers.forEach(dispose => dispose());
}

function joinForm(channelId: Guid, needsPassword = false): HTMLElement {
  const password = h("input", { type: "password", name: "password", "aria-label": "Channel password", placeholder: "password (if any)" });
  const form = h("form", { class: "inline" }, needsPassword ? password : null, h("button", { type: "submit" }, "Join"));
  form.addEventListener("submit", async event => {
    event.preventDefault();
    try {
      await api("POST", `/api/channels/${channelId}/join`, password.value ? { password: password.value } : {});
      navigate(`/chat/${channelId}`);
    } catch (e) {
      toast(sentenceOf(e), "error");
    }
  });
  return form;
}

/** No channel open: search public channels, join one, or create one. */
function browser(): HTMLElement {
  const search = h("input", { type: "search", name: "search", placeholder: "Search channels", "aria-label": "Search channels" });
  const results = h("ul", { class: "results" });
  const find = async () => {
    try {
      const found = await api<ChannelSummary[]>("GET", `/api/channels?search=${encodeURIComponent(search.value.trim())}`);
      results.replaceChildren(...found.map(c => h("li", {},
        h("span", {}, `# ${c.name} · ${c.memberCount} member${c.memberCount === 1 ? "" : "s"}${c.visibility === "protected" ? " · password" : ""}`),
        joinForm(c.id, c.visibility === "protected"))));
      if (found.length === 0) {
        results.append(h("li", { class: "muted" }, "No channel found."));
      }
    } catch (e) {
      toast(sentenceOf(e), "error");
    }
  };
  search.addEventListener("input", () => void find());

  const name = h("input", { name: "name", id: "channel-name", required: true, maxlength: 50 });
  const visibility = h("select", { name: "visibility", id: "channel-visibility" },
    h("option", { value: "public" }, "public"), h("option", { value: "private" }, "private (by invitation)"), h("option", { value: "protected" }, "protected (password)"));
  const password = h("input", { type: "password", name: "password", id: "channel-password", minlength: 8, maxlength: 128, placeholder: "8 characters or more" });
  const passwordRow = h("div", { hidden: true }, h("label", { for: "channel-password" }, "Password"), password);
  visibility.addEventListener("change", () => { passwordRow.hidden = visibility.value !== "protected"; });
  const create = h("form", { class: "card" }, h("h2", {}, "New channel"),
    h("label", { for: "channel-name" }, "Name"), name,
    h("label", { for: "channel-visibility" }, "Visibility"), visibility, passwordRow,
    h("button", { type: "submit" }, "Create"));
  create.addEventListener("submit", async event => {
    event.preventDefault();
    try {
      const body: Record<string, string> = { name: name.value.trim(), visibility: visibility.value };
      if (visibility.value === "protected") {
        body.password = password.value;
      }
      const channel = await api<ChannelSummary>("POST", "/api/channels", body);
      navigate(`/chat/${channel.id}`);
    } catch (e) {
      toast(sentenceOf(e), "error");
    }
  });
  void find();
  return h("div", { class: "browser" }, h("div", { class: "card" }, h("h2", {}, "Find a channel"), search, results), create);
}
