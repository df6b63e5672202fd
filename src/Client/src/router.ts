// Client routes on the history API; the server answers index.html for any of them (SPA fallback).

export type View = (main: HTMLElement, params: string[]) => (() => void) | void;

const routes: [RegExp, View][] = [];
let leave: (() => void) | void;

export function route(pattern: RegExp, view: View): void {
  routes.push([pattern, view]);
}

export function navigate(path: string, replace = false): void {
  if (replace) {
    history.replaceState(null, "", path);
  } else if (location.pathname + location.search !== path) {
    history.pushState(null, "", path);
  }
  render();
}

export function render(): void {
  const main = document.getElementById("app")!;
  if (typeof leave === "function") {
    leave();
  }
  leave = undefined;
  main.replaceChildren();
  for (const [pattern, view] of routes) {
    const match = pattern.exec(location.pathname);
    if (match) {
      leave = view(main, match.slice(1).filter(p => p !== undefined).map(decodeURIComponent));
      return;
    }
  }
  main.textContent = "Nothing here.";
}

/** Links inside the app navigate without a page load. */
export function link(path: string, text: string, attrs: Record<string, string> = {}): HTMLAnchorElement {
  const a = document.createElement("a");
  a.href = path;
  a.textContent = text;
  for (const [name, value] of Object.entries(attrs)) {
    a.setAttribute(name, value);
  }
  a.addEventListener("click", event => {
    if (!event.ctrlKey && !event.metaKey && !event.shiftKey && event.button === 0) {
      event.preventDefault();
      navigate(path);
    }
  });
  return a;
}

window.addEventListener("popstate", () => render());
