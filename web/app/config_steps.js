// The wizard's steps that edit the configuration draft: company and agent (1), workflow and
// operator settings (2), qualification questions (3), business context (5). Each builds its form
// from the draft and collects the keys it edits ({} when nothing to save; throws a
// {field, message} list for input it cannot send).
import { h, fill, uid } from "./dom.js";
import { area, fieldRow, text } from "./fields.js";

export const MAX_CONTEXT_CHARS = 20000;
export const MAX_QUESTIONS = 20;
export const MAX_LABEL_CHARS = 40;

const LANGUAGES = { en: "English", es: "Spanish", pt: "Portuguese" };
const STYLES = ["friendly", "professional", "casual"];

// `modelCheck` ({el, destroy}): Test connection, shown beside the brain while it is the model.
export function companyStep(draft, modelCheck) {
  const rows = {
    company_name: fieldRow("Company name", text(draft.company_name), "company_name"),
    industry: fieldRow("Industry", text(draft.industry), "industry"),
    website: fieldRow("Website", text(draft.website, { inputmode: "url",
      placeholder: "https://example.com" }), "website"),
    social_links: fieldRow("Social links", area((draft.social_links || []).join("\n"),
      { rows: 2 }), "social_links", "One link per line."),
    agent_name: fieldRow("Agent's name", text(draft.agent_name), "agent_name",
      "How the agent introduces itself."),
    communication_style: fieldRow("Communication style", text(draft.communication_style,
      { list: "styles" }), "communication_style",
    "Friendly, professional, casual… or your own words."),
    default_language: fieldRow("Default language", h("select", null,
      Object.entries(LANGUAGES).map(([v, t]) => h("option", { value: v, text: t,
        selected: v === (draft.default_language || "en") }))), "default_language",
    "The language of the texts you write here."),
    greeting: fieldRow("Greeting message", area(draft.greeting, { rows: 3 }), "greeting",
      "Every new conversation starts with it. Required to publish."),
    brain: fieldRow("Brain", h("select", null,
      Object.entries(BRAINS).map(([v, t]) => h("option", { value: v, text: t,
        selected: v === (draft.brain || "local") }))), "brain",
    "Local works offline. A language model answers from the same catalog and context; " +
    "Test connection asks it a question with this draft."),
  };
  const showCheck = () => { modelCheck.el.hidden = rows.brain.control.value !== "llm"; };
  rows.brain.control.addEventListener("change", showCheck);
  showCheck();
  const el = h("div", { class: "step-form" },
    h("fieldset", null, h("legend", { text: "Company" }), rows.company_name, rows.industry,
      rows.website, rows.social_links),
    h("fieldset", null, h("legend", { text: "Agent" }), rows.agent_name, rows.communication_style,
      rows.default_language, rows.greeting, rows.brain, modelCheck.el),
    h("datalist", { id: "styles" }, STYLES.map((s) => h("option", { value: s }))));
  const v = (k) => rows[k].control.value.trim();
  return {
    el,
    destroy: () => modelCheck.destroy(),
    collect: () => ({
      company_name: v("company_name"),
      industry: v("industry"),
      website: v("website"),
      social_links: v("social_links").split("\n").map((l) => l.trim()).filter(Boolean),
      agent_name: v("agent_name"),
      communication_style: v("communication_style"),
      default_language: rows.default_language.control.value,
      greeting: v("greeting"),
      brain: rows.brain.control.value,
    }),
  };
}

const BRAINS = {
  local: "Local (offline, built in)",
  llm: "Language model (set up by your administrator)",
};

const ANSWER_TYPES = {
  text: "Free text",
  email: "Email address",
  phone: "Phone number",
  number: "Number",
  amount: "Amount of money",
  date: "Date",
  choice: "One of a list",
};

const WORKFLOWS = {
  handoff_to_human: ["Answer, then hand off to a person",
    "The agent greets, answers from your catalog and business context, and passes the " +
    "conversation to your team when the customer asks for a person or needs one."],
  qualify_and_transfer: ["Qualify, then transfer",
    "The agent greets, asks your qualification questions one at a time, stores the answers on " +
    "the lead, and passes qualified leads to your team."],
};

export function workflowStep(draft) {
  const radios = Object.entries(WORKFLOWS).map(([value, [title, about]]) => {
    const id = uid();
    const input = h("input", { type: "radio", name: "workflow", value, id,
      checked: draft.workflow === value });
    return h("div", { class: "choice" }, input,
      h("label", { for: id }, h("strong", { text: title }),
        h("span", { class: "hint", text: about })));
  });
  const workflow = h("fieldset", { "data-field": "workflow", class: "choices" },
    h("legend", { text: "Workflow" }), radios);
  const never = h("input", { type: "checkbox", id: uid(), checked: draft.pause_minutes === null });
  const pause = text(draft.pause_minutes ?? 15, { type: "number", min: 1, step: 1,
    inputmode: "numeric", disabled: draft.pause_minutes === null });
  never.addEventListener("change", () => { pause.disabled = never.checked; });
  const debounceInput = text(draft.debounce_seconds ?? 2, { type: "number", min: 0, step: 1,
    inputmode: "numeric" });
  const askDetails = h("input", { type: "checkbox", id: uid(), "data-field": "ask_contact_details",
    checked: draft.ask_contact_details !== false });
  const rows = {
    handoff_message: fieldRow("Handoff message", area(draft.handoff_message, { rows: 2 }),
      "handoff_message", "Sent when the agent passes the conversation to your team. Empty: a " +
      "built-in text in the customer's language."),
    qualified_message: fieldRow("Qualified message", area(draft.qualified_message, { rows: 2 }),
      "qualified_message", "Sent after the last qualification answer (Qualify, then transfer)."),
    resume_notice: fieldRow("Resume notice", area(draft.resume_notice, { rows: 2 }),
      "resume_notice", "Sent when the agent answers again after a person's pause ran out."),
    pause_minutes: fieldRow("Pause after a person steps in (minutes)", pause, "pause_minutes",
      "The AI stays quiet this long after a handoff or a reply from your team."),
    debounce_seconds: fieldRow("Wait for more messages (seconds)", debounceInput,
      "debounce_seconds", "Quick bursts of customer messages within this window get one answer."),
  };
  const el = h("div", { class: "step-form" }, workflow,
    h("fieldset", null, h("legend", { text: "Messages and timing" }), rows.handoff_message,
      rows.qualified_message, rows.resume_notice, rows.pause_minutes,
      h("div", { class: "check" }, never,
        h("label", { for: never.id, text: "Never resume automatically" })),
      rows.debounce_seconds,
      h("div", { class: "check" }, askDetails,
        h("label", { for: askDetails.id,
          text: "Web chat: ask for a name and an email or phone before handing off" })),
      h("p", { class: "hint", text: "The web chat gives your team no way to reach a visitor " +
        "who closes it. One question, then the handoff (Answer, then hand off to a person)." })));
  return {
    el,
    collect: () => {
      const chosen = el.querySelector("input[name=workflow]:checked");
      const errors = [];
      const minutes = Number(pause.value);
      if (!never.checked && !(Number.isInteger(minutes) && minutes >= 1)) {
        errors.push({ field: "pause_minutes",
          message: "Enter a whole number of minutes, 1 or more." });
      }
      const seconds = Number(debounceInput.value);
      if (debounceInput.value === "" || !(Number.isInteger(seconds) && seconds >= 0)) {
        errors.push({ field: "debounce_seconds",
          message: "Enter a whole number of seconds, 0 or more." });
      }
      if (errors.length) throw errors;
      const patch = {
        handoff_message: rows.handoff_message.control.value.trim(),
        qualified_message: rows.qualified_message.control.value.trim(),
        resume_notice: rows.resume_notice.control.value.trim(),
        pause_minutes: never.checked ? null : minutes,
        debounce_seconds: seconds,
        ask_contact_details: askDetails.checked,
      };
      if (chosen) patch.workflow = chosen.value;
      return patch;
    },
  };
}

// Questions: add, edit, move up and down, delete. Only for qualify_and_transfer.
export function questionsStep(draft, stepLink) {
  if (draft.workflow !== "qualify_and_transfer") {
    return {
      el: h("div", { class: "step-form" }, h("p", { class: "notice" },
        "Qualification questions are asked by the workflow “Qualify, then transfer”. ",
        h("a", { href: stepLink(2), text: "Choose it in step 2" }), " to add them.")),
      collect: () => ({}),
    };
  }
  const blank = { text: "", label: "", type: "text", choices: [], optional: false };
  let questions = (draft.questions || []).map((q) => ({ ...blank, ...q }));
  const list = h("ol", { class: "questions", "data-field": "questions" });
  const addButton = h("button", { type: "button", text: "Add question", onclick: () => {
    read();
    questions.push({ ...blank });
    render();
    list.querySelector("li:last-child textarea").focus();
  } });
  const read = () => {
    questions = [...list.querySelectorAll("li.question")].map((li) => {
      const type = li.querySelector("select.question-type").value;
      return {
        text: li.querySelector("textarea.question-text").value.trim(),
        label: li.querySelector("input.question-label").value.trim(),
        type,
        choices: type !== "choice" ? [] : li.querySelector("textarea.question-choices").value
          .split("\n").map((c) => c.trim()).filter((c) => c),
        optional: li.querySelector("input.question-optional").checked,
      };
    });
  };
  const move = (from, to) => {
    read();
    const [q] = questions.splice(from, 1);
    questions.splice(to, 0, q);
    render();
    list.children[to].querySelector(`button[data-move="${to < from ? "up" : "down"}"]`)?.focus();
    list.dispatchEvent(new Event("change", { bubbles: true }));
  };
  const render = () => {
    fill(list, questions.map((q, i) => {
      const n = i + 1;
      const question = area(q.text, { rows: 2, "data-field": `questions[${i}].text`, id: uid(),
        class: "question-text" });
      const label = text(q.label, { "data-field": `questions[${i}].label`, id: uid(),
        maxlength: MAX_LABEL_CHARS, placeholder: "Budget", class: "question-label" });
      const type = h("select", { "data-field": `questions[${i}].type`, id: uid(),
        class: "question-type" }, Object.entries(ANSWER_TYPES).map(([v, t]) =>
        h("option", { value: v, text: t, selected: v === q.type })));
      const choices = area(q.choices.join("\n"), { rows: 3, id: uid(),
        "data-field": `questions[${i}].choices`, class: "question-choices" });
      const choicesField = h("div", { class: "field", hidden: q.type !== "choice" },
        h("label", { for: choices.id, text: `Choices of question ${n}` }), choices,
        h("p", { class: "hint", text: "One per line. The customer's answer is stored as one of them." }));
      type.addEventListener("change", () => { choicesField.hidden = type.value !== "choice"; });
      const optional = h("input", { type: "checkbox", id: uid(), class: "question-optional",
        "data-field": `questions[${i}].optional`, checked: q.optional });
      return h("li", { class: "question" },
        h("div", { class: "field" },
          h("label", { for: question.id, text: `Question ${n}` }), question),
        h("div", { class: "field" },
          h("label", { for: label.id, text: `Label of question ${n}` }), label,
          h("p", { class: "hint", text: "Optional: the field name on the lead profile." })),
        h("div", { class: "field" },
          h("label", { for: type.id, text: `Answer of question ${n}` }), type,
          h("p", { class: "hint", text: "Checked and stored in this form; the customer's own " +
            "words are kept beside it." })),
        choicesField,
        h("div", { class: "check" }, optional,
          h("label", { for: optional.id, text: `Question ${n} may be skipped` })),
        h("div", { class: "row" },
          h("button", { type: "button", class: "small", "data-move": "up", text: "Move up",
            "aria-label": `Move question ${n} up`, disabled: i === 0,
            onclick: () => move(i, i - 1) }),
          h("button", { type: "button", class: "small", "data-move": "down", text: "Move down",
            "aria-label": `Move question ${n} down`, disabled: i === questions.length - 1,
            onclick: () => move(i, i + 1) }),
          h("button", { type: "button", class: "small danger", text: "Delete",
            "aria-label": `Delete question ${n}`, onclick: () => {
              read();
              questions.splice(i, 1);
              render();
              list.dispatchEvent(new Event("change", { bubbles: true }));
            } })));
    }));
    addButton.disabled = questions.length >= MAX_QUESTIONS;
  };
  render();
  return {
    el: h("div", { class: "step-form" },
      h("p", { class: "hint",
        text: `The agent asks them one at a time, in this order (1 to ${MAX_QUESTIONS}).` }),
      list, addButton),
    collect: () => {
      read();
      return { questions };
    },
  };
}

export function contextStep(draft) {
  const input = area(draft.business_context, { rows: 16, class: "context-input" });
  const counter = h("p", { class: "counter", id: uid("count") });
  const count = () => {
    const n = [...input.value].length;
    const over = n - MAX_CONTEXT_CHARS;
    const number = (x) => x.toLocaleString("en");
    const shown = `${number(n)} / ${number(MAX_CONTEXT_CHARS)} characters`;
    counter.textContent = over > 0 ? `${shown} — ${number(over)} too many` : shown;
    counter.classList.toggle("over", over > 0);
  };
  input.addEventListener("input", count);
  count();
  const row = fieldRow("Business context", input, "business_context",
    "Rules, opening hours, address, policies, frequently asked questions: what the agent may say.");
  input.setAttribute("aria-describedby", `${input.getAttribute("aria-describedby")} ${counter.id}`);
  return {
    el: h("div", { class: "step-form" }, row, counter),
    collect: () => {
      if ([...input.value].length > MAX_CONTEXT_CHARS) {
        throw [{ field: "business_context",
          message: `At most ${MAX_CONTEXT_CHARS.toLocaleString("en")} characters.` }];
      }
      return { business_context: input.value };
    },
  };
}
