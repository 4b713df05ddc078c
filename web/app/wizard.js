// The setup wizard (owner only), in the order of the product: 1 company and agent, 2 workflow,
// 3 qualification questions, 4 catalog, 5 business context, 6 channels, 7 review and publish.
// Steps 1, 2, 3 and 5 edit the draft (PATCH config/draft on Save, on "Save and continue" and when
// leaving a changed step); the catalog and the channels are live at once. Validation errors are
// shown on their step and field; the draft's publish problems link to theirs. Step 1 tests the
// instance's language model with the draft (model_check.js). "Try your agent" sits beside it.
import * as api from "./api.js";
import { h, fill } from "./dom.js";
import { clearErrors, showErrors, topName } from "./fields.js";
import { companyStep, contextStep, questionsStep, workflowStep } from "./config_steps.js";
import { CatalogStep } from "./catalog_step.js";
import { ModelCheck } from "./model_check.js";
import { ChannelsStep } from "./channels_step.js";
import { TryPanel } from "./try_panel.js";
import { CHANNELS } from "./format.js";

const STEPS = [
  { n: 1, title: "Company and agent", fields: ["company_name", "industry", "website",
    "social_links", "agent_name", "communication_style", "default_language", "greeting",
    "brain"] },
  { n: 2, title: "Workflow", fields: ["workflow", "handoff_message", "resume_notice",
    "qualified_message", "pause_minutes", "debounce_seconds"] },
  { n: 3, title: "Qualification questions", fields: ["questions"] },
  { n: 4, title: "Catalog", fields: [] },
  { n: 5, title: "Business context", fields: ["business_context"] },
  { n: 6, title: "Channels", fields: [] },
  { n: 7, title: "Review and publish", fields: [] },
];

// The step that edits `field` ("questions[2].text" → 3), or 7 when none does.
export function stepOf(field) {
  const top = topName(field);
  const step = STEPS.find((s) => s.fields.includes(top));
  return step ? step.n : 7;
}

export class Wizard {
  constructor(ctx) {
    this.ctx = ctx;
    this.state = null;  // GET config
    this.step = 0;
    this.current = null;  // the shown step: {el, collect?, destroy?}
    this.dirty = false;
    this.errors = [];  // {field, message} still to show on their step
    this.status = h("span", { class: "draft-status" });
    this.nav = h("ol", { class: "steps" });
    this.notice = h("div", { role: "status", class: "notice-line" });
    this.content = h("section", { class: "step", "aria-labelledby": "step-title" });
    this.content.addEventListener("input", () => { this.dirty = true; });
    this.content.addEventListener("change", () => { this.dirty = true; });
    this.tryPanel = new TryPanel(ctx.slug, null);
    this.el = h("div", { class: "wizard" },
      h("div", { class: "wizard-head" }, h("h1", { text: "Set up your agent" }), this.status),
      h("nav", { "aria-label": "Setup steps" }, this.nav),
      h("div", { class: "wizard-main" }, this.notice, this.content),
      h("div", { class: "wizard-try" }, this.tryPanel.el));
    this.ready = this.load();
  }

  link(n) {
    return this.ctx.link(`/setup/${n}`);
  }

  async load() {
    try {
      this.state = await api.get(api.ws(this.ctx.slug, "/config"));
    } catch (err) {
      fill(this.content, h("p", { class: "error", role: "alert",
        text: `The configuration could not be loaded. ${api.errorText(err)}` }));
    }
  }

  async showStep(n) {
    const step = STEPS.find((s) => s.n === n) ? n : 1;
    await this.ready;
    if (!this.state) return;
    if (step === this.step && this.current) return;
    if (this.dirty && this.step && !(await this.save())) {
      location.replace(this.link(this.step));  // stay to fix what was refused
      return;
    }
    this.step = step;
    this.notice.textContent = "";
    this.render();
  }

  renderStatus() {
    const s = this.state;
    const text = s.unpublished_changes ? "Unpublished changes"
      : s.published ? `Published · version ${s.published_version}` : "Not published yet";
    this.status.textContent = text;
    const pending = s.unpublished_changes || !s.published;
    this.status.className = `draft-status ${pending ? "pending" : "live"}`;
    const qualify = s.draft.workflow === "qualify_and_transfer";
    fill(this.nav, STEPS.map((st) => h("li", null, h("a", { href: this.link(st.n),
      "aria-current": st.n === this.step ? "step" : null,
      class: st.n === 3 && !qualify ? "skipped" : "" },
    h("span", { class: "step-number", text: String(st.n) }), st.title,
    st.n === 3 && !qualify ? h("span", { class: "visually-hidden", text: " (not used)" })
      : null))));
  }

  render() {
    if (this.current && this.current.destroy) this.current.destroy();
    const step = STEPS.find((s) => s.n === this.step);
    const draft = this.state.draft;
    switch (step.n) {
      case 1: this.current = companyStep(draft,
        new ModelCheck(this.ctx.slug, async () => !this.dirty || this.save())); break;
      case 2: this.current = workflowStep(draft); break;
      case 3: this.current = questionsStep(draft, (n) => this.link(n)); break;
      case 4: this.current = new CatalogStep(this.ctx); break;
      case 5: this.current = contextStep(draft); break;
      case 6: this.current = new ChannelsStep(this.ctx); break;
      default: this.current = this.review(); break;
    }
    this.dirty = false;
    const edits = Boolean(this.current.collect);
    const footer = h("div", { class: "row step-footer" },
      step.n > 1 ? h("a", { class: "button", href: this.link(step.n - 1), text: "Back" }) : null,
      h("span", { class: "grow" }),
      edits ? h("button", { type: "button", text: "Save", onclick: () => this.save() }) : null,
      step.n < STEPS.length ? h("button", { type: "button", class: "primary",
        text: edits ? "Save and continue" : "Continue", onclick: () => this.next() }) : null);
    fill(this.content, h("h2", { id: "step-title", tabindex: -1,
      text: `${step.n}. ${step.title}` }),
      this.current.el, footer);
    this.renderStatus();
    this.showPending();
    this.content.querySelector("h2").focus();
  }

  // Shows the errors kept for this step on their fields; a list for those without one.
  showPending() {
    const mine = this.errors.filter((e) => stepOf(e.field) === this.step);
    if (!mine.length) return;
    this.errors = this.errors.filter((e) => stepOf(e.field) !== this.step);
    const rest = showErrors(this.current.el, mine);
    if (rest.length) {
      this.notice.replaceChildren(h("ul", { class: "error" },
        rest.map((e) => h("li", { text: `${e.field}: ${e.message}` }))));
    }
  }

  // Saves the step's edits; false (the errors shown) when refused.
  async save() {
    if (!this.current || !this.current.collect) return true;
    clearErrors(this.current.el);
    this.notice.textContent = "";
    let patch;
    try {
      patch = this.current.collect();
    } catch (errors) {
      if (!Array.isArray(errors)) throw errors;
      showErrors(this.current.el, errors);
      return false;
    }
    if (!Object.keys(patch).length) {
      this.dirty = false;
      return true;
    }
    try {
      this.state = await api.patch(api.ws(this.ctx.slug, "/config/draft"), patch);
      this.dirty = false;
      this.renderStatus();
      this.notice.textContent = "Saved.";
      return true;
    } catch (err) {
      this.refused(err);
      return false;
    }
  }

  // A refused save or publish: each field error on its field, here or on its own step.
  refused(err) {
    const fields = err instanceof api.ApiError ? err.fields : [];
    const here = fields.filter((f) => stepOf(f.field) === this.step);
    const elsewhere = fields.filter((f) => stepOf(f.field) !== this.step);
    const unplaced = showErrors(this.current.el, here);
    this.errors = elsewhere;
    const summary = here.length && !unplaced.length && !elsewhere.length
      ? "Not saved: see the fields marked below." : api.errorText(err);
    fill(this.notice, h("div", { class: "error", role: "alert" },
      h("p", { text: summary }),
      unplaced.length || elsewhere.length ? h("ul", null,
        unplaced.map((e) => h("li", { text: e.message })),
        elsewhere.map((e) => h("li", null, `${e.message} `,
          h("a", { href: this.link(stepOf(e.field)), text: `Go to step ${stepOf(e.field)}` }))))
        : null));
  }

  async next() {
    if (await this.save()) this.ctx.navigate(this.link(this.step + 1));
  }

  review() {
    const s = this.state;
    const d = s.draft;
    const problems = s.publish_problems || [];
    const result = h("div", { role: "status", class: "publish-result" });
    const publish = h("button", { type: "button", class: "primary", text: "Publish",
      disabled: problems.length > 0, onclick: () => this.publish(result) });
    const discard = h("button", { type: "button", class: "danger", text: "Discard changes",
      disabled: !s.published || !s.unpublished_changes, onclick: () => this.discard(result) });
    const workflows = { handoff_to_human: "Answer, then hand off to a person",
      qualify_and_transfer: "Qualify, then transfer" };
    const pause = d.pause_minutes === null ? "never resumes automatically"
      : `${d.pause_minutes} minutes`;
    const summary = [
      ["Company", d.company_name], ["Agent", d.agent_name], ["Greeting", d.greeting],
      ["Workflow", workflows[d.workflow] || "Not chosen"],
      d.workflow === "qualify_and_transfer"
        ? ["Questions", (d.questions || []).map((q, i) => `${i + 1}. ${q.text}`).join("\n")] : null,
      ["Business context", d.business_context
        ? `${[...d.business_context].length.toLocaleString("en")} characters` : "None"],
      ["Pause", pause],
    ].filter(Boolean);
    const onLink = (p) => () => { this.errors = [p]; };
    return {
      el: h("div", { class: "step-form review" },
        h("dl", { class: "summary" }, summary.map(([k, v]) => [h("dt", { text: k }),
          h("dd", { text: v || "—" })])),
        problems.length ? h("div", { class: "problems" },
          h("h3", { text: "Before you can publish" }),
          h("ul", null, problems.map((p) => h("li", null, `${p.message} `,
            h("a", { href: this.link(stepOf(p.field)), onclick: onLink(p),
              text: `Fix in step ${stepOf(p.field)}` })))))
          : h("p", { class: "ok-line", text: "Everything needed is there." }),
        h("p", { class: "hint", text: "Publishing makes this draft the live agent's " +
          `configuration at once, on every channel (${Object.values(CHANNELS).join(", ")}). ` +
          "Discarding returns the draft to the published version." }),
        h("div", { class: "row" }, publish, discard), result),
    };
  }

  async publish(result) {
    try {
      this.state = await api.post(api.ws(this.ctx.slug, "/config/publish"), {});
      this.render();
      this.content.querySelector(".publish-result").textContent =
        `Published: the agent now runs version ${this.state.published_version}.`;
      this.tryPanel.reload();
    } catch (err) {
      result.textContent = "";
      this.refused(err);
    }
  }

  async discard(result) {
    if (!window.confirm("Discard every unpublished change?")) return;
    try {
      this.state = await api.post(api.ws(this.ctx.slug, "/config/discard"), {});
      this.render();
      this.content.querySelector(".publish-result").textContent =
        "Discarded: the draft is the published version again.";
    } catch (err) {
      result.textContent = api.errorText(err);
    }
  }

  destroy() {
    if (this.current && this.current.destroy) this.current.destroy();
  }
}
