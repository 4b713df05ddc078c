// One conversation: the messages as bubbles (the customer's on the left; the AI's, the team's
// from the CRM and from the messaging app on the right, each styled and captioned; system notes
// centred), date separators, delivery ticks, "Load older"; the mode badge with the pause counting
// down, Take manual control / Return to AI, the folder and priority; the composer (Manual mode
// only). Opening it marks it read. Live events add messages and update ticks and the summary.
import * as api from "./api.js";
import { h, fill, debounce } from "./dom.js";
import { CHANNELS, DELIVERY, FOLDERS, PRIORITIES, authorCaption, clockTime, contactName,
  dayKey, dayLabel, fullTime, modeText } from "./format.js";
import { LeadPanel } from "./lead.js";
import { mediaView, sizeText } from "./media.js";

const PAGE = 50;

// How far a message's delivery went: an older answer (the reply's own, after the stream said it
// was sent) never takes it back.
const DELIVERY_RANK = { none: 0, queued: 1, sent: 2, delivered: 3, read: 4, failed: 5, dropped: 5 };

function mergeDelivery(m, update) {
  if ((DELIVERY_RANK[update.delivery] ?? 0) < (DELIVERY_RANK[m.delivery] ?? 0)) return;
  m.delivery = update.delivery;
  m.delivery_error = update.delivery_error;
}

// A message's files as they went furthest: an older answer (the message's own event, still
// "pending") never takes back a file the stream or a load said was fetched.
function mergeMedia(known, incoming) {
  const byId = new Map((known || []).map((f) => [f.id, f]));
  for (const f of incoming || []) {
    const had = byId.get(f.id);
    if (!had || had.state === "pending") byId.set(f.id, f);
  }
  return [...byId.values()];
}
const TICK_MS = 1000;
const NEAR_END_PX = 80;  // closer than this to the end, new messages scroll into view

export class ConversationView {
  // `hooks.back()`: back to the list (phones); `hooks.changed(summary)`: the summary changed.
  constructor(ctx, id, hooks) {
    this.ctx = ctx;
    this.id = id;
    this.hooks = hooks;
    this.summary = null;
    this.messages = new Map();  // id → message
    this.early = new Map();     // id → a delivery heard before the message itself
    this.nodes = new Map();     // id → bubble element
    this.nextBefore = null;
    this.pagedBack = false;  // older pages were loaded: nextBefore is theirs
    this.lead = null;

    this.title = h("h2", { class: "conversation-title", text: "…" });
    this.channel = h("span", { class: "chip" });
    this.badge = h("span", { class: "mode-badge" });
    this.modeNews = h("span", { class: "visually-hidden", "aria-live": "polite" });
    this.takeButton = h("button", { type: "button", class: "primary", text: "Take manual control",
      hidden: true, onclick: () => this.act("/take-control") });
    this.returnButton = h("button", { type: "button", text: "Return to AI", hidden: true,
      onclick: () => this.act("/return-to-ai") });
    this.folder = select("Folder", FOLDERS, (v) => this.change({ folder: v }));
    this.priority = select("Priority", PRIORITIES, (v) => this.change({ priority: v }));
    this.leadToggle = h("button", { type: "button", class: "ghost lead-toggle", text: "Lead",
      "aria-expanded": "false", onclick: () => this.toggleLead() });
    this.error = h("p", { class: "error", role: "alert" });
    this.older = h("button", { type: "button", class: "ghost small", text: "Load older",
      hidden: true, onclick: () => this.loadOlder() });
    this.log = h("ol", { class: "messages", role: "log", "aria-label": "Messages",
      "aria-live": "polite" });
    this.scroller = h("div", { class: "message-scroller" }, this.older, this.log);

    this.text = h("textarea", { rows: 2, "aria-label": "Reply", placeholder: "Write a reply",
      maxlength: 4000, onkeydown: (e) => {
        if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
          e.preventDefault();
          this.form.requestSubmit();
        }
      } });
    this.text.disabled = true;  // until the conversation is loaded and in Manual mode
    this.send = h("button", { type: "submit", class: "primary", text: "Send", disabled: true });
    this.composerNote = h("p", { class: "hint composer-note" });
    // A file to send with the reply: chosen with Attach, shown as a chip until sent or removed.
    this.file = null;
    this.fileInput = h("input", { type: "file", hidden: true, "aria-label": "File to attach",
      accept: "image/*,audio/*,video/*,application/pdf,text/plain,text/csv,.doc,.docx,.xls,.xlsx,.ppt,.pptx",
      onchange: () => this.setFile(this.fileInput.files[0] || null) });
    this.attach = h("button", { type: "button", class: "ghost attach", text: "Attach",
      disabled: true, onclick: () => this.fileInput.click() });
    this.fileChip = h("span", { class: "chip file-chip", hidden: true });
    this.form = h("form", { class: "composer",
      onsubmit: (e) => { e.preventDefault(); this.reply(); } },
    this.fileInput, this.attach, this.text, this.fileChip, this.send);

    this.leadPane = h("aside", { class: "lead-pane", "aria-label": "Lead" });
    // Shown once the conversation is loaded.
    this.actions = h("div", { class: "row actions", hidden: true }, this.takeButton,
      this.returnButton, this.folder.el, this.priority.el, this.leadToggle);
    const header = h("header", { class: "conversation-header" },
      h("div", { class: "row" },
        h("button", { type: "button", class: "ghost back", text: "← Inbox",
          onclick: () => hooks.back() }),
        h("div", { class: "title-block" }, this.title,
          h("div", { class: "row" }, this.channel, this.badge))),
      this.actions);
    this.el = h("div", { class: "conversation", "data-lead": "closed" },
      h("section", { class: "conversation-main", "aria-label": "Conversation" },
        header, this.error, this.scroller, this.composerNote, this.form, this.modeNews),
      this.leadPane);

    this.timer = setInterval(() => this.renderMode(), TICK_MS);
    // New customer messages seen while the page is in front count as read.
    const markRead = debounce(() => this.markRead(), 800);
    const visible = () => document.visibilityState === "visible";
    this.onVisible = () => {
      if (visible() && this.summary && this.summary.unread > 0) markRead();
    };
    document.addEventListener("visibilitychange", this.onVisible);
    const refreshLead = debounce(() => this.lead && this.lead.load(), 800);
    // A message may come with a change of mode or unread (a handoff, a customer writing): the
    // summary is read again, should its own event not follow.
    const refreshSummary = debounce(() => this.refreshSummary(), 600);
    this.stops = [
      ctx.live.on("message", (d) => {
        if (d.conversation_id !== this.id) return;
        this.add([d.message], true);
        refreshLead();
        refreshSummary();
      }),
      ctx.live.on("delivery", (d) => {
        if (d.conversation_id !== this.id) return;
        const update = { delivery: d.delivery, delivery_error: d.delivery_error };
        const m = this.messages.get(d.message_id);
        // A reply can be sent before its own answer shows it here: kept for when it does.
        if (!m) {
          this.early.set(d.message_id, update);
          return;
        }
        mergeDelivery(m, update);
        this.renderTick(m);
      }),
      ctx.live.on("media", (d) => {
        if (d.conversation_id !== this.id) return;
        const m = this.messages.get(d.message_id);
        if (!m) return;
        m.media = [...(m.media || []).filter((f) => f.id !== d.media.id), d.media];
        this.renderMedia(m);
      }),
      ctx.live.on("conversation", (d) => {
        if (!d.conversation || d.conversation.id !== this.id) return;
        this.setSummary(d.conversation, false);
        if (d.conversation.unread > 0 && visible()) markRead();
      }),
      ctx.live.on("notification", (d) => {
        if (d.notification && d.notification.conversation_id === this.id) refreshLead();
      }),
      ctx.live.on("resync", () => this.load()),
    ];
    this.load();
  }

  path(rest = "") {
    return api.ws(this.ctx.slug, `/conversations/${this.id}${rest}`);
  }

  async load() {
    try {
      const [summary, page] = await Promise.all([api.get(this.path()),
        api.get(this.path(`/messages${api.query({ limit: PAGE })}`))]);
      // Also after a reconnection: known messages are kept (and updated), missed ones added.
      this.setSummary(summary, false);
      if (!this.pagedBack) this.nextBefore = page.next_before;
      this.add(page.messages, true);
      this.error.textContent = "";
      this.markRead();
    } catch (err) {
      this.error.textContent = err instanceof api.ApiError && err.status === 404
        ? "This conversation does not exist." : `It could not be loaded. ${api.errorText(err)}`;
    }
    this.older.hidden = !this.nextBefore;
  }

  async loadOlder() {
    this.older.disabled = true;
    try {
      const page = await api.get(this.path(`/messages${api.query({ limit: PAGE,
        before: this.nextBefore })}`));
      this.nextBefore = page.next_before;
      this.pagedBack = true;
      const height = this.scroller.scrollHeight;
      this.add(page.messages, false);
      this.scroller.scrollTop += this.scroller.scrollHeight - height;  // keep the view still
    } catch (err) {
      this.error.textContent = api.errorText(err);
    }
    this.older.disabled = false;
    this.older.hidden = !this.nextBefore;
  }

  async refreshSummary() {
    try {
      const summary = await api.get(this.path());
      this.setSummary(summary, true);
      if (summary.unread > 0 && document.visibilityState === "visible") this.markRead();
    } catch {
      /* the next event or reconnection tries again */
    }
  }

  async markRead() {
    if (!this.summary || this.summary.unread === 0) return;
    try {
      this.setSummary(await api.post(this.path("/read")), true);
    } catch {
      /* the badge stays; nothing else depends on it */
    }
  }

  setSummary(summary, notify) {
    const first = !this.summary;
    const modeBefore = this.summary && this.summary.mode;
    this.summary = summary;
    this.title.textContent = contactName(summary);
    this.channel.textContent = CHANNELS[summary.channel] || summary.channel;
    this.channel.className = `chip channel-${summary.channel}`;
    this.folder.set(summary.folder);
    this.priority.set(summary.priority);
    this.actions.hidden = false;
    this.renderMode();
    if (!first && modeBefore !== summary.mode) {
      this.modeNews.textContent = summary.mode === "manual" ? "Manual mode: the AI is paused."
        : "The AI is answering again.";
    }
    if (summary.contact && (!this.lead || this.lead.id !== summary.contact.id)) {
      this.lead = new LeadPanel(this.ctx, summary.contact.id, () => this.refreshSummary());
      fill(this.leadPane, this.lead.el);
    }
    if (notify || !first) this.hooks.changed(summary);
  }

  renderMode() {
    const s = this.summary;
    if (!s) return;
    const manual = s.mode === "manual";
    this.badge.textContent = modeText(s);
    this.badge.className = `mode-badge ${manual ? "manual" : "ai"}`;
    this.takeButton.hidden = manual;
    this.returnButton.hidden = !manual;
    this.text.disabled = !manual;
    this.send.disabled = !manual;
    this.attach.disabled = !manual;
    this.composerNote.textContent = manual ? ""
      : "The AI is answering. Take manual control to reply yourself.";
  }

  async act(rest) {
    this.error.textContent = "";
    try {
      this.setSummary(await api.post(this.path(rest)), true);
      if (this.summary.mode === "manual") this.text.focus();
    } catch (err) {
      this.error.textContent = api.errorText(err);
    }
  }

  async change(fields) {
    this.error.textContent = "";
    try {
      this.setSummary(await api.patch(this.path(), fields), true);
    } catch (err) {
      this.error.textContent = api.errorText(err);
      if (this.summary) this.setSummary(this.summary, false);
    }
  }

  setFile(file) {
    this.file = file;
    this.fileInput.value = "";
    this.fileChip.hidden = !file;
    if (!file) return;
    fill(this.fileChip, `${file.name} (${sizeText(file.size)})`,
      h("button", { type: "button", class: "ghost", text: "×", "aria-label": `Remove ${file.name}`,
        onclick: () => this.setFile(null) }));
  }

  async reply() {
    const text = this.text.value.trim();
    if (!text && !this.file) return;
    this.send.disabled = true;
    this.error.textContent = "";
    try {
      const message = this.file
        ? await api.upload(this.path("/messages"), this.file, () => {}, { text })
        : await api.post(this.path("/messages"), { text });
      this.text.value = "";
      this.setFile(null);
      this.add([message], true);
      // Replying slides the pause and marks the conversation read.
      this.setSummary(await api.get(this.path()), true);
    } catch (err) {
      this.error.textContent = api.errorText(err);
    }
    this.renderMode();
    if (!this.text.disabled) this.text.focus();
  }

  // Adds messages (any order; known ones are updated); `atEnd`: scroll down when near the end.
  add(messages, atEnd) {
    const { scrollHeight, scrollTop, clientHeight } = this.scroller;
    const near = scrollHeight - scrollTop - clientHeight < NEAR_END_PX;
    let added = false;
    for (const m of messages) {
      const early = this.early.get(m.id);
      if (early) {
        mergeDelivery(m, early);
        this.early.delete(m.id);
      }
      if (this.messages.has(m.id)) {
        const known = this.messages.get(m.id);
        const delivery = { delivery: known.delivery, delivery_error: known.delivery_error };
        const media = mergeMedia(known.media, m.media);
        Object.assign(known, m);
        known.media = media;
        mergeDelivery(known, delivery);
        this.renderTick(this.messages.get(m.id));
        this.renderMedia(this.messages.get(m.id));
        continue;
      }
      this.messages.set(m.id, m);
      added = true;
    }
    if (!added) return;
    this.renderMessages();
    if (atEnd && (near || messages.length > 1 || this.messages.size === messages.length)) {
      this.scroller.scrollTop = this.scroller.scrollHeight;
    }
  }

  // Keeps existing bubbles (so the log announces only new ones) and inserts the others in order,
  // with a date separator before the first message of each day.
  renderMessages() {
    const ordered = [...this.messages.values()].sort((a, b) => a.id - b.id);
    const wanted = [];
    let day = null;
    for (const m of ordered) {
      const key = dayKey(m.at);
      if (key !== day) {
        day = key;
        wanted.push(this.separator(m.at, key));
      }
      if (!this.nodes.has(m.id)) this.nodes.set(m.id, this.bubble(m));
      wanted.push(this.nodes.get(m.id));
    }
    let cursor = this.log.firstChild;
    for (const node of wanted) {
      if (node === cursor) cursor = cursor.nextSibling;
      else this.log.insertBefore(node, cursor);
    }
    while (cursor) {
      const next = cursor.nextSibling;
      cursor.remove();
      cursor = next;
    }
  }

  separator(iso, key) {
    this.separators = this.separators || new Map();
    if (!this.separators.has(key)) {
      this.separators.set(key, h("li", { class: "day", role: "separator" },
        h("span", { text: dayLabel(iso) })));
    }
    return this.separators.get(key);
  }

  bubble(m) {
    const caption = authorCaption(m);
    const side = m.author === "customer" ? "left" : m.author === "system" ? "center" : "right";
    const tick = h("span", { class: "tick" });
    const media = h("div", { class: "media-list" });
    const node = h("li", { class: `message ${side} author-${m.author}`, "data-id": m.id },
      caption ? h("span", { class: "caption", text: caption }) : null,
      h("div", { class: "bubble" },
        media,
        h("p", { class: "text", text: m.text }),
        m.attachment && m.attachment !== "none"
          ? h("span", { class: "attachment", text: `Attachment: ${m.attachment}` }) : null,
        m.model ? h("span", { class: "model", text: modelLine(m.model) }) : null,
        h("span", { class: "meta" },
          h("time", { datetime: m.at, title: fullTime(m.at), text: clockTime(m.at) }), tick)));
    node.tick = tick;
    node.media = media;
    this.fillTick(tick, m);
    this.fillMedia(media, m);
    return node;
  }

  renderMedia(m) {
    const node = this.nodes.get(m.id);
    if (node) this.fillMedia(node.media, m);
  }

  // The message's files; a file already shown as it is stays (a playing voice note plays on).
  fillMedia(box, m) {
    const files = m.media || [];
    box.hidden = files.length === 0;
    const key = files.map((f) => `${f.id}:${f.state}`).join(",");
    if (box.dataset.key === key) return;
    box.dataset.key = key;
    fill(box, files.map((f) => mediaView(this.ctx.slug, this.id, f)));
  }

  renderTick(m) {
    const node = this.nodes.get(m.id);
    if (node) this.fillTick(node.tick, m);
  }

  fillTick(tick, m) {
    const d = DELIVERY[m.delivery];
    tick.className = `tick ${m.delivery || "none"}`;
    if (!d) {
      tick.textContent = "";
      tick.removeAttribute("title");
      tick.removeAttribute("aria-label");
      return;
    }
    const why = (m.delivery === "failed" || m.delivery === "dropped") && m.delivery_error
      ? `: ${m.delivery_error}` : "";
    tick.textContent = d.mark;
    tick.title = d.text + why;
    tick.setAttribute("aria-label", d.text + why);
  }

  toggleLead() {
    const open = this.el.dataset.lead !== "open";
    this.el.dataset.lead = open ? "open" : "closed";
    this.leadToggle.setAttribute("aria-expanded", String(open));
  }

  destroy() {
    clearInterval(this.timer);
    document.removeEventListener("visibilitychange", this.onVisible);
    for (const stop of this.stops) stop();
  }
}

// How a language model made an AI message: "gpt-4.1-mini · 812 + 64 tokens · 1.2 s · 1 request",
// or why the local brain answered instead.
function modelLine(r) {
  const requests = `${r.attempts} ${r.attempts === 1 ? "request" : "requests"}`;
  const took = `${(r.latency_ms / 1000).toFixed(1)} s`;
  if (r.fallback) {
    return `Answered by the local brain: ${r.model} failed (${r.fallback.replaceAll("_", " ")})` +
      ` · ${requests} · ${took}`;
  }
  return `${r.model} · ${r.prompt_tokens} + ${r.completion_tokens} tokens · ${took} · ${requests}`;
}

// A labelled select of `options` ({value: text}) calling onChange(value).
function select(label, options, onChange) {
  const el = h("select", { "aria-label": label, onchange: (e) => onChange(e.target.value) },
    Object.entries(options).map(([value, text]) => h("option", { value, text })));
  return { el, set: (v) => { el.value = v; } };
}
