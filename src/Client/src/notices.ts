import { currentUser } from "./api";
import { time } from "./dom";
import type { Notice } from "./protocol";

/** A notice as a sentence for this reader: "alice muted you until 14:05". */
export function noticeSentence(notice: Notice): string {
  const me = currentUser();
  let text = notice.text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)/g, instant => time(instant));
  if (me && notice.targetId === me.id) {
    text = text.replace(`${me.displayName}'s`, "your").replace(new RegExp(`\\b${escape(me.displayName)}\\b`), "you");
    text = text.replace(/^you /, "You ");
  }
  return text;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
