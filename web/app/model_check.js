// "Test connection", beside the brain choice of step 1: saves the step, starts a check of the draft
// with the instance's language model (POST llm-test), polls it (GET llm-test/{id}) and shows,
// next to the button, that it runs, then the model, whether it calls tools or answers in
// structured output and a sample answer, or what went wrong in plain words.
import * as api from "./api.js";
import { h, fill } from "./dom.js";

const POLL_MS = 1000;

const OUTPUTS = {
  tools: "with tool calling",
  structured: "with structured output (the server has no tool calling)",
};

export class ModelCheck {
  // `save` saves the step's edits first; resolves false when they were refused (shown there).
  constructor(slug, save) {
    this.slug = slug;
    this.save = save;
    this.run = 0;  // a newer run, or the step's end, stops polling for an older one
    this.button = h("button", { type: "button", text: "Test connection",
      onclick: () => this.start() });
    this.result = h("div", { class: "model-check-result", role: "status" });
    this.el = h("div", { class: "model-check" }, this.button, this.result);
  }

  async start() {
    const run = ++this.run;
    this.button.disabled = true;
    fill(this.result, h("p", { class: "hint", text: "Testing the model with this draft…" }));
    try {
      if (!(await this.save())) {
        fill(this.result);
        return;
      }
      const started = await api.post(api.ws(this.slug, "/llm-test"), {});
      const path = api.ws(this.slug, `/llm-test/${encodeURIComponent(started.id)}`);
      for (let job = started; run === this.run; job = await api.get(path)) {
        if (job.state === "done") {
          this.show(job);
          return;
        }
        await new Promise((resolve) => { setTimeout(resolve, POLL_MS); });
      }
    } catch (err) {
      if (run === this.run) this.show({ ok: false, error: api.errorText(err) });
    } finally {
      if (run === this.run) this.button.disabled = false;
    }
  }

  show(job) {
    if (!job.ok) {
      fill(this.result, h("p", { class: "error", text: `The test failed: ${job.error}` }));
      return;
    }
    const took = job.latency_ms < 1000 ? `${job.latency_ms} ms`
      : `${(job.latency_ms / 1000).toLocaleString("en", { maximumFractionDigits: 1 })} s`;
    const answer = job.handoff
      ? h("p", { text: `The agent would hand the conversation to a person (${job.handoff}).` })
      : h("blockquote", { class: "sample", text: job.sample });
    fill(this.result,
      h("p", { class: "ok-line", text: `Connected to ${job.model}, ${OUTPUTS[job.output]}, ` +
        `in ${took}.` }),
      h("p", { text: `Asked “${job.question}”, the agent answered:` }), answer);
  }

  destroy() {
    this.run += 1;
  }
}
