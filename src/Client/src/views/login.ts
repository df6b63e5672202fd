import { devLogin, expectSession, verifyTwoFactor } from "../api";
import { h, toast } from "../dom";
import { sentenceOf } from "../errors";
import { navigate } from "../router";

/** Log in: dev-login (when the server has it), 42's OAuth, then the 2FA step when the account needs it. */
export function loginView(main: HTMLElement): void {
  const params = new URLSearchParams(location.search);
  const ticket = params.get("twoFactor") === "required" ? params.get("ticket") : null;
  if (ticket) {
    twoFactorStep(main, ticket);
    return;
  }

  const error = h("p", { class: "error", role: "alert" });
  const login = h("input", { name: "login", id: "login", autocomplete: "username", required: true, minlength: 1, maxlength: 64 });
  const form = h("form", { class: "card narrow" },
    h("h1", {}, "Transcendence"),
    h("p", { class: "muted" }, "Play Pong and chat with people."),
    h("a", { class: "button primary wide", href: "/api/auth/login?returnUrl=%2F", onclick: () => expectSession() }, "Log in with 42"),
    h("div", { class: "or" }, "or, on a development server"),
    h("label", { for: "login" }, "Login"),
    login,
    h("button", { type: "submit", class: "wide" }, "Log in"),
    error);
  form.addEventListener("submit", async event => {
    event.preventDefault();
    error.textContent = "";
    try {
      const outcome = await devLogin(login.value.trim());
      if ("twoFactorRequired" in outcome) {
        main.replaceChildren();
        twoFactorStep(main, outcome.ticket);
      } else {
        navigate("/chat");
      }
    } catch (e) {
      error.textContent = (e as { status?: number }).status === 404
        ? "Development login is off on this server: use “Log in with 42”."
        : sentenceOf(e);
    }
  });
  main.append(form);
  login.focus();
}

function twoFactorStep(main: HTMLElement, ticket: string): void {
  const error = h("p", { class: "error", role: "alert" });
  const code = h("input", { name: "code", id: "code", inputmode: "numeric", autocomplete: "one-time-code", pattern: "[0-9]{6}", maxlength: 6, required: true });
  const form = h("form", { class: "card narrow" },
    h("h1", {}, "Two-factor authentication"),
    h("label", { for: "code" }, "Code from your authenticator app"),
    code,
    h("button", { type: "submit", class: "wide" }, "Verify"),
    error);
  form.addEventListener("submit", async event => {
    event.preventDefault();
    error.textContent = "";
    try {
      await verifyTwoFactor(ticket, code.value.trim());
      toast("Welcome back.");
      navigate("/chat", true);
    } catch (e) {
      error.textContent = sentenceOf(e);
    }
  });
  main.append(form);
  code.focus();
}
