// The notification bell: the unread count on a button, the notifications in a panel below it
// (newest first), each saying who, why, the last messages or the qualification answers, and
// opening its conversation. New notifications arrive live.
import * as api from "./api.js";
import { h, fill } from "./dom.js";
import { reasonText, shortTime, fullTime } from "./format.js";

const PAGE = 20;
const SVG = "http://www.w3.org/2000/svg";
const BELL_PATH = "M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22z" +
  "m7-6v-5a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z";

function bellIcon() {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", "20");
  svg.setAttribute("height", "20");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", BELL_PATH);
  path.setAttribute("fill", "currentColor");
  svg.append(path);
  return svg;
}

export class Bell {
  constructor(ctx) {
    this.ctx = ctx;
    this.items = [];
    this.unread = 0;
    this.nextBefore = null;
    this.count = h("span", { class: "count", hidden: true });
    this.button = h("button", { type: "button", class: "bell", "aria-expanded": "false",
      "aria-controls": "notifications", onclick: () => this.toggle() }, bellIcon(), this.count);
    this.list = h("ul", { class: "notification-list" });
    this.more = h("button", { type: "button", class: "ghost small", text: "Load more", hidden: true,
      onclick: () => this.load(true) });
    this.error = h("p", { class: "error", role: "alert" });
    this.panel = h("section", { id: "notifications", class: "notifications", hidden: true,
      "aria-label": "Notifications" },
    h("div", { class: "row spread" }, h("h2", { text: "Notifications" }),
      h("button", { type: "button", class: "ghost small", text: "Mark all read",
        onclick: () => this.readAll() })),
    this.error, this.list, this.more);
    this.el = h("div", { class: "bell-wrap" }, this.button, this.panel);
    this.onDocClick = (e) => { if (!this.el.contains(e.target)) this.close(); };
    this.onKey = (e) => {
      if (e.key !== "Escape" || this.panel.hidden) return;
      this.close();
      this.button.focus();
    };
    document.addEventListener("click", this.onDocClick);
    document.addEventListener("keydown", this.onKey);
    this.stops = [
      ctx.live.on("notification", (d) => this.arrived(d.notification)),
      ctx.live.on("resync", () => this.load()),
    ];
    this.renderCount();
    this.load();
  }

  async load(more = false) {
    try {
      const q = api.query({ limit: PAGE, before: more ? this.nextBefore : null });
      const page = await api.get(api.ws(this.ctx.slug, `/notifications${q}`));
      this.items = more ? this.items.concat(page.notifications) : page.notifications;
      this.unread = page.unread;
      this.nextBefore = page.next_before;
      this.error.textContent = "";
    } catch (err) {
      this.error.textContent = `Notifications could not be loaded. ${api.errorText(err)}`;
    }
    this.render();
  }

  arrived(n) {
    if (!n || this.items.some((i) => i.id === n.id)) return;
    this.items.unshift(n);
    if (!n.read) this.unread += 1;
    this.render();
    const who = n.customer_name || "A customer";
    this.ctx.announce(n.kind === "lead_qualified" ? `New qualified lead: ${who}`
      : `${who} was handed to the team: ${reasonText(n.reason)}`);
  }

  renderCount() {
    this.count.textContent = this.unread > 99 ? "99+" : String(this.unread);
    this.count.hidden = this.unread === 0;
    this.button.setAttribute("aria-label", `Notifications, ${this.unread} unread`);
  }

  render() {
    this.renderCount();
    this.more.hidden = !this.nextBefore;
    if (!this.items.length) {
      fill(this.list, h("li", { class: "muted empty", text: "No notifications yet." }));
      return;
    }
    fill(this.list, this.items.map((n) => h("li", null, this.item(n))));
  }

  item(n) {
    const title = n.kind === "lead_qualified" ? "Lead qualified" : "Handoff";
    const answers = n.kind === "lead_qualified" && n.answers && n.answers.length
      ? h("dl", { class: "answers" }, n.answers.map((a) => [
        h("dt", { text: a.label || a.question }),
        h("dd", { text: (a.value ?? a.answer) || "Skipped" })]))
      : null;
    const last = !answers && n.last_messages && n.last_messages.length
      ? h("p", { class: "last", text: n.last_messages.slice(-2).join(" · ") }) : null;
    return h("button", { type: "button", class: `notification${n.read ? "" : " unread"}`,
      onclick: () => this.open(n) },
    h("span", { class: "row spread" },
      h("strong", { text: `${n.customer_name || "Customer"} — ${title}` }),
      h("time", { datetime: n.at, title: fullTime(n.at), text: shortTime(n.at) })),
    h("span", { class: "reason", text: reasonText(n.reason) }),
    // Why, in words: for a reserved topic, the business context's rule.
    n.detail && n.kind !== "lead_qualified" ? h("span", { class: "detail", text: n.detail }) : null,
    answers, last);
  }

  async open(n) {
    this.close();
    if (!n.read) {
      n.read = true;
      this.unread = Math.max(0, this.unread - 1);
      this.render();
      api.post(api.ws(this.ctx.slug, `/notifications/${n.id}/read`)).catch(() => {});
    }
    this.ctx.navigate(this.ctx.link(`/c/${n.conversation_id}`));
  }

  async readAll() {
    try {
      await api.post(api.ws(this.ctx.slug, "/notifications/read-all"));
      for (const n of this.items) n.read = true;
      this.unread = 0;
      this.render();
    } catch (err) {
      this.error.textContent = api.errorText(err);
    }
  }

  toggle() {
    if (this.panel.hidden) {
      this.panel.hidden = false;
      this.button.setAttribute("aria-expanded", "true");
    } else {
      this.close();
    }
  }

  close() {
    this.panel.hidden = true;
    this.button.setAttribute("aria-expanded", "false");
  }

  destroy() {
    document.removeEventListener("click", this.onDocClick);
    document.removeEventListener("keydown", this.onKey);
    for (const stop of this.stops) stop();
  }
}
