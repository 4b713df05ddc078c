// The lead panel: the contact's name, the qualification answers as labelled fields (each
// editable), labels (add, remove) and internal notes (add). Every change is saved at once.
import * as api from "./api.js";
import { h, fill, uid } from "./dom.js";
import { fullTime, personName, shortTime } from "./format.js";

export class LeadPanel {
  // `saved()`: called after each change saved here (the conversation shows the name too).
  constructor(ctx, id, saved) {
    this.ctx = ctx;
    this.id = id;
    this.saved = saved;
    this.lead = null;
    this.error = h("p", { class: "error", role: "alert" });
    this.body = h("div", { class: "lead-body" }, h("p", { class: "muted", text: "Loading…" }));
    this.el = h("div", { class: "lead" }, h("h2", { text: "Lead" }), this.error, this.body);
    this.stale = false;
    this.el.addEventListener("focusout", () => setTimeout(() => { if (this.stale) this.load(); }));
    this.load();
  }

  path(rest = "") {
    return api.ws(this.ctx.slug, `/leads/${this.id}${rest}`);
  }

  async load() {
    // A field being edited keeps its text: the refresh waits until it is left.
    const editing = document.activeElement;
    if (this.el.contains(editing) && editing.matches("input, textarea")) {
      this.stale = true;
      return;
    }
    this.stale = false;
    try {
      this.lead = await api.get(this.path());
      this.error.textContent = "";
      this.render();
    } catch (err) {
      this.error.textContent = `The lead could not be loaded. ${api.errorText(err)}`;
    }
  }

  // Runs a change made in `control` (null: none); the answer is the new lead (or, for notes,
  // it is read again).
  // The control's text counts as saved: the panel shows what the server kept.
  async save(control, run) {
    this.error.textContent = "";
    if (control) control.dataset.saved = control.value;
    try {
      const lead = await run();
      if (lead && lead.answers) this.lead = lead;
      else this.lead = await api.get(this.path());
      this.render();
      this.saved();
      return true;
    } catch (err) {
      this.error.textContent = api.errorText(err);
      return false;
    }
  }

  // Re-renders from this.lead. What is being typed elsewhere in the panel (a changed field, the
  // focus) survives: a save or a refresh only replaces what was saved.
  render() {
    const typed = new Map();
    for (const el of this.body.querySelectorAll("[data-key]")) {
      if (el.value !== el.dataset.saved) typed.set(el.dataset.key, el.value);
    }
    const active = document.activeElement;
    const focused = this.body.contains(active) && active.dataset.key;
    const lead = this.lead;
    fill(this.body, this.nameForm(lead), this.answersSection(lead), this.labelsSection(lead),
      this.notesSection(lead));
    for (const el of this.body.querySelectorAll("[data-key]")) {
      el.dataset.saved = el.value;
      if (typed.has(el.dataset.key)) el.value = typed.get(el.dataset.key);
      if (el.dataset.key === focused) el.focus();
    }
  }

  nameForm(lead) {
    const input = h("input", { type: "text", value: lead.name || "", id: uid(), autocomplete: "off",
      "data-key": "name" });
    return h("form", { class: "lead-name", onsubmit: (e) => {
      e.preventDefault();
      this.save(input, () => api.patch(this.path(), { name: input.value.trim() }));
    } },
    h("label", { for: input.id, text: "Name" }),
    h("div", { class: "row" }, input,
      h("button", { type: "submit", class: "small", text: "Save" })),
    h("p", { class: "hint",
      text: lead.external_id ? `${lead.channel} · ${lead.external_id}` : lead.channel }));
  }

  answersSection(lead) {
    const answers = lead.answers || [];
    return h("section", { class: "answers-section", "aria-label": "Qualification answers" },
      h("h3", { text: "Qualification" }),
      answers.length ? answers.map((a) => this.answerForm(a))
        : h("p", { class: "muted", text: "No answers yet." }));
  }

  answerForm(a) {
    // The value as read for the question's type; what the customer wrote, when it differs.
    const value = a.value ?? a.answer;
    const input = h("textarea", { rows: 1, value, id: uid(), class: "answer-input",
      "data-key": `answer-${a.id}`, placeholder: value ? "" : "Skipped" });
    const wrote = a.answer && a.answer !== value
      ? h("p", { class: "hint answer-source", text: `They wrote: “${a.answer}”` }) : null;
    const save = h("button", { type: "submit", class: "small", text: "Save" });
    return h("form", { class: "answer", onsubmit: (e) => {
      e.preventDefault();
      this.save(input,
        () => api.patch(this.path(`/answers/${a.id}`), { answer: input.value.trim() }));
    } },
    h("label", { for: input.id, text: a.label || a.question, title: a.question }),
    h("div", { class: "row" }, input, save), wrote,
    h("p", { class: "hint" }, a.label ? `${a.question} · ` : "",
      h("time", { datetime: a.at, title: fullTime(a.at), text: shortTime(a.at) })));
  }

  labelsSection(lead) {
    const labels = lead.labels || [];
    const input = h("input", { type: "text", "aria-label": "New label", placeholder: "Add a label",
      maxlength: 40, "data-key": "new-label" });
    const set = (next, control) =>
      this.save(control, () => api.patch(this.path(), { labels: next }));
    return h("section", { class: "labels-section", "aria-label": "Labels" },
      h("h3", { text: "Labels" }),
      h("ul", { class: "chips" }, labels.map((l) => h("li", { class: "chip label" }, l,
        h("button", { type: "button", class: "remove", "aria-label": `Remove label ${l}`,
          text: "×",
          onclick: () => set(labels.filter((x) => x !== l), null) })))),
      h("form", { class: "row", onsubmit: (e) => {
        e.preventDefault();
        const label = input.value.trim();
        if (label && !labels.includes(label)) set([...labels, label], input);
      } }, input, h("button", { type: "submit", class: "small", text: "Add" })));
  }

  notesSection(lead) {
    const notes = lead.notes || [];
    const text = h("textarea", { rows: 2, "aria-label": "New internal note",
      placeholder: "Only your team sees notes", "data-key": "new-note" });
    return h("section", { class: "notes-section", "aria-label": "Internal notes" },
      h("h3", { text: "Internal notes" }),
      notes.length ? h("ul", { class: "notes" }, notes.map((n) => h("li", null,
        h("p", { class: "text", text: n.text }),
        h("p", { class: "hint" }, personName(n.author), " · ",
          h("time", { datetime: n.at, title: fullTime(n.at), text: shortTime(n.at) })))))
        : null,
      h("form", { onsubmit: async (e) => {
        e.preventDefault();
        const value = text.value.trim();
        if (value) await this.save(text, () => api.post(this.path("/notes"), { text: value }));
      } }, text, h("button", { type: "submit", class: "small", text: "Add note" })));
  }
}
