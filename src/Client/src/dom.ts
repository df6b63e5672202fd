// A few DOM helpers: the client is plain TypeScript, no UI framework.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2).toLowerCase(), value as EventListener);
    } else if (name === "class") {
      element.className = String(value);
    } else if (value === true) {
      element.setAttribute(name, "");
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

export function clear(element: Element): void {
  element.replaceChildren();
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

/** A short message in the corner; errors stay longer. */
export function toast(text: string, kind: "info" | "error" = "info"): void {
  const item = h("div", { class: `toast ${kind}`, role: kind === "error" ? "alert" : "status" }, text);
  byId("toasts").append(item);
  setTimeout(() => item.remove(), kind === "error" ? 8000 : 5000);
}

/** The connection banner: shown while a hub connection is lost and reconnecting. */
const lost = new Set<string>();
export function connectionLost(name: string, isLost: boolean): void {
  if (isLost) {
    lost.add(name);
  } else {
    lost.delete(name);
  }
  const banner = byId("banner");
  banner.hidden = lost.size === 0;
  banner.textContent = lost.size === 0 ? "" : "Connection lost, reconnecting…";
}

export function time(instant: string): string {
  return new Date(instant).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
}

export function dateTime(instant: string): string {
  return new Date(instant).toLocaleString([], { dateStyle: "short", timeStyle: "short", hourCycle: "h23" });
}

/** A fresh client message id (crypto.randomUUID needs a secure context; a LAN address over http is not one). */
export function uuid(): string {
  if (typeof crypto.randomUUID === "function") {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, b => b.toString(16).padStart(2, "0")).join("");
}
