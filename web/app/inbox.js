// The shared inbox: channel tabs with unread badges, folders, search, the unread and label
// filters, and the conversations newest first with "Load more"; the open conversation beside it
// (on a phone, one or the other). Live conversation events move rows and update counts.
import * as api from "./api.js";
import { h, fill, debounce, uid } from "./dom.js";
import { CHANNELS, FOLDERS, contactName, initials, shortTime, fullTime } from "./format.js";
import { ConversationView } from "./conversation.js";

const PAGE = 50;
const TABS = { all: "All", ...CHANNELS };

const byActivity = (a, b) => (b.last_activity_at || "").localeCompare(a.last_activity_at || "") ||
  b.id - a.id;

export class Inbox {
  constructor(ctx) {
    this.ctx = ctx;
    this.filters = { channel: "all", folder: "open", q: "", unread: false, label: "" };
    this.items = [];
    this.nextCursor = null;
    this.counts = null;
    this.openId = null;
    this.conversation = null;
    this.loading = 0;  // the latest list request: older answers are dropped

    this.tabs = h("div", { class: "tabs", role: "group", "aria-label": "Channels" });
    this.folders = h("div", { class: "folders", role: "group", "aria-label": "Folders" });
    const search = h("input", { type: "search", placeholder: "Search names and messages",
      "aria-label": "Search conversations",
      oninput: debounce((e) => this.setFilter({ q: e.target.value.trim() }), 300) });
    const unreadId = uid();
    const unread = h("input", { type: "checkbox", id: unreadId,
      onchange: (e) => this.setFilter({ unread: e.target.checked }) });
    const label = h("input", { type: "text", placeholder: "Label", "aria-label": "Filter by label",
      class: "label-filter",
      oninput: debounce((e) => this.setFilter({ label: e.target.value.trim() }), 300) });
    this.list = h("ul", { class: "conversation-list", "aria-label": "Conversations" });
    this.error = h("p", { class: "error", role: "alert" });
    this.modelProblem = h("p", { class: "model-problem", role: "status", hidden: true });
    this.more = h("button", { type: "button", class: "ghost more", text: "Load more", hidden: true,
      onclick: () => this.load(true) });
    // The leads of the list as filtered, for a spreadsheet: links the browser downloads.
    this.exportCsv = h("a", { class: "export", text: "CSV", download: "" });
    this.exportXlsx = h("a", { class: "export", text: "Excel", download: "" });
    this.exports = h("p", { class: "exports hint" }, "Export these leads: ", this.exportCsv,
      " · ", this.exportXlsx);
    this.listPane = h("section", { class: "list-pane", "aria-label": "Inbox" },
      this.tabs, this.folders,
      h("div", { class: "filters" }, search,
        h("span", { class: "check" }, unread, h("label", { for: unreadId, text: "Unread" })),
        label),
      this.modelProblem, this.error, this.list, this.more, this.exports);
    this.conversationPane = h("div", { class: "conversation-pane" },
      h("div", { class: "placeholder muted", text: "Pick a conversation." }));
    this.el = h("div", { class: "inbox", "data-view": "list" }, this.listPane,
      this.conversationPane);

    const refreshCounts = debounce(() => this.loadCounts(), 400);
    this.refreshCounts = refreshCounts;
    const reload = debounce(() => this.load(), 400);
    // A turn of the model ends in a message: that is when its problem may start or end.
    const recheckModel = debounce(() => this.loadModelStatus(), 2000);
    this.stops = [
      ctx.live.on("conversation", (d) => { this.upsert(d.conversation); refreshCounts(); }),
      // A message moves its row up at once; a conversation not shown yet comes with the reload.
      ctx.live.on("message", (d) => {
        if (!this.moved(d.conversation_id, d.message)) reload();
        refreshCounts();
        recheckModel();
      }),
      ctx.live.on("resync", () => { this.load(); this.loadCounts(); }),
    ];
    this.renderTabs();
    this.renderExports();
    this.load();
    this.loadCounts();
    this.loadModelStatus();
  }

  // The language model's problem, while it fails, as a channel's "reconnection needed".
  async loadModelStatus() {
    let problem = null;
    try {
      problem = (await api.get(api.ws(this.ctx.slug, "/llm-status"))).problem;
    } catch {
      /* the next message checks again */
    }
    this.modelProblem.hidden = !problem;
    this.modelProblem.textContent = problem ? modelProblemText(problem) : "";
  }

  setFilter(change) {
    Object.assign(this.filters, change);
    this.renderTabs();
    this.renderExports();
    this.load();
  }

  renderExports() {
    const f = this.filters;
    for (const [link, format] of [[this.exportCsv, "csv"], [this.exportXlsx, "xlsx"]]) {
      link.href = api.href(api.ws(this.ctx.slug, `/leads/export${api.query({ format,
        channel: f.channel, folder: f.folder, q: f.q, unread: f.unread, label: f.label })}`));
    }
  }

  async load(more = false) {
    const ticket = ++this.loading;
    const f = this.filters;
    const q = api.query({ channel: f.channel, folder: f.folder, q: f.q, unread: f.unread,
      label: f.label, limit: PAGE, cursor: more ? this.nextCursor : null });
    this.more.disabled = true;
    try {
      const page = await api.get(api.ws(this.ctx.slug, `/conversations${q}`));
      if (ticket !== this.loading) return;
      this.items = more ? this.items.concat(page.conversations) : page.conversations;
      this.nextCursor = page.next_cursor;
      this.error.textContent = "";
    } catch (err) {
      if (ticket !== this.loading) return;
      this.error.textContent = `Conversations could not be loaded. ${api.errorText(err)}`;
    }
    this.more.disabled = false;
    this.renderList();
  }

  async loadCounts() {
    try {
      this.counts = await api.get(api.ws(this.ctx.slug, "/conversations/unread"));
    } catch {
      this.counts = null;  // the list's own error says why
    }
    this.renderTabs();
  }

  // Whether a conversation belongs in the list as filtered.
  matches(s) {
    const f = this.filters;
    if (f.channel !== "all" && s.channel !== f.channel) return false;
    if (s.folder !== f.folder) return false;
    if (f.unread && !(s.unread > 0)) return false;
    if (f.label && !(s.labels || []).includes(f.label)) return false;
    // A search's matches are the server's to decide: only those shown are updated.
    if (f.q) return this.items.some((i) => i.id === s.id);
    return true;
  }

  upsert(summary) {
    if (!summary) return;
    const at = this.items.findIndex((i) => i.id === summary.id);
    if (at >= 0) this.items.splice(at, 1);
    if (this.matches(summary)) {
      this.items.push(summary);
      this.items.sort(byActivity);
    }
    this.renderList();
  }

  // Shows `message` as the last one of its conversation's row; false when the row is not shown.
  moved(id, message) {
    const row = this.items.find((i) => i.id === id);
    if (!row || !message) return false;
    if (!row.last_message || row.last_message.id <= message.id) {
      const { id: messageId, author, text, at } = message;
      row.last_message = { id: messageId, author, text, at };
      row.last_activity_at = message.at;
      this.items.sort(byActivity);
      this.renderList();
    }
    return true;
  }

  renderTabs() {
    const channels = (this.counts && this.counts.channels) || {};
    const folders = (this.counts && this.counts.folders) || {};
    fill(this.tabs, Object.entries(TABS).map(([key, name]) => {
      const selected = this.filters.channel === key;
      return h("button", { type: "button", class: "tab", "aria-pressed": String(selected),
        onclick: () => this.setFilter({ channel: key }) }, name, badge(channels[key]));
    }));
    fill(this.folders, Object.entries(FOLDERS).map(([key, name]) =>
      h("button", { type: "button", class: "folder",
        "aria-pressed": String(this.filters.folder === key),
        onclick: () => this.setFilter({ folder: key }) }, name, badge(folders[key]))));
  }

  renderList() {
    this.more.hidden = !this.nextCursor;
    if (!this.items.length) {
      fill(this.list, this.error.textContent ? null
        : h("li", { class: "empty muted", text: "No conversations here." }));
      return;
    }
    fill(this.list, this.items.map((s) => h("li", null, this.row(s))));
  }

  row(s) {
    const name = contactName(s);
    const last = s.last_message;
    const who = last && last.author !== "customer" ? `${authorShort(last.author)}: ` : "";
    return h("a", { href: this.ctx.link(`/c/${s.id}`),
      class: ["conversation-row", s.id === this.openId && "open", s.unread && "has-unread"]
        .filter(Boolean).join(" "),
      "aria-current": s.id === this.openId ? "true" : null, "data-id": s.id },
    h("span", { class: "avatar", "aria-hidden": "true", text: initials(name) }),
    h("span", { class: "row-main" },
      h("span", { class: "row-top" },
        h("span", { class: "name", text: name }),
        h("time", { datetime: s.last_activity_at, title: fullTime(s.last_activity_at),
          text: shortTime(s.last_activity_at) })),
      h("span", { class: "row-bottom" },
        h("span", { class: "last", text: last ? who + last.text : "No messages yet" }),
        s.unread ? h("span", { class: "count", "aria-label": `${s.unread} unread`,
          text: String(s.unread) }) : null),
      h("span", { class: "row-tags" },
        h("span", { class: `chip channel-${s.channel}`, text: CHANNELS[s.channel] || s.channel }),
        h("span", { class: `chip mode-${s.mode}`, text: s.mode === "manual" ? "Manual" : "AI" }),
        s.priority && s.priority !== "normal"
          ? h("span", { class: `chip priority-${s.priority}`, text: s.priority }) : null,
        (s.labels || []).map((l) => h("span", { class: "chip label", text: l })))));
  }

  // Opens conversation `id` (a number), or shows the list alone (null).
  open(id) {
    if (id === this.openId) {
      this.el.dataset.view = id ? "conversation" : "list";
      return;
    }
    if (this.conversation) this.conversation.destroy();
    this.conversation = null;
    this.openId = id;
    this.el.dataset.view = id ? "conversation" : "list";
    if (id) {
      this.conversation = new ConversationView(this.ctx, id, {
        back: () => this.ctx.navigate(this.ctx.link()),
        changed: (summary) => { this.upsert(summary); this.refreshCounts(); },
      });
      fill(this.conversationPane, this.conversation.el);
    } else {
      fill(this.conversationPane,
        h("div", { class: "placeholder muted", text: "Pick a conversation." }));
    }
    this.renderList();
  }

  destroy() {
    for (const stop of this.stops) stop();
    if (this.conversation) this.conversation.destroy();
  }
}

const MODEL_PROBLEMS = {
  bad_key: "the server refused its key",
  quota: "its account has no quota or credit left",
  unknown_model: "the server does not know the configured model",
  unreachable: "the server cannot be reached",
  timeout: "it does not answer in time",
  rate_limited: "it keeps limiting the rate of requests",
  server_error: "its server keeps failing",
  context_too_long: "the conversations are too long for it",
};

function modelProblemText(p) {
  const why = MODEL_PROBLEMS[p.reason] || `it fails (${p.reason.replaceAll("_", " ")})`;
  const who = p.needs_owner
    ? " The server's operator must fix its [llm] configuration."
    : " It is tried again by itself.";
  return `The language model is not answering since ${fullTime(p.since)}: ${why}. ` +
    `Customers are answered without it meanwhile.${who}`;
}

function badge(n) {
  return n ? h("span", { class: "count", "aria-label": `${n} unread`, text: String(n) }) : null;
}

function authorShort(author) {
  return { ai: "AI", human_crm: "Team", human_app: "App", system: "System" }[author] || author;
}
