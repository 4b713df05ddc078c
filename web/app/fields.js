// Form fields named after the API's fields (data-field="questions[2].text"), and validation
// errors ({field, message}) shown on the field they concern.
import { h, uid } from "./dom.js";

// A labelled control with data-field = `name`: returns the row; the control is row.control.
export function fieldRow(label, control, name, hint) {
  control.id = control.id || uid();
  if (name) control.dataset.field = name;
  const hintEl = hint ? h("p", { class: "hint", id: uid("hint"), text: hint }) : null;
  if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
  const row = h("div", { class: "field" }, h("label", { for: control.id, text: label }), control,
    hintEl);
  row.control = control;
  return row;
}

export const text = (value, props = {}) => h("input", { type: "text", value: value ?? "",
  autocomplete: "off", ...props });
export const area = (value, props = {}) => h("textarea", { rows: 3, value: value ?? "", ...props });

// Names the server may use for a field edited under another name.
const ALIASES = { pause: "pause_minutes", debounce: "debounce_seconds" };

// The step that edits a config field: "questions[2].text" → its top name "questions".
export function topName(field) {
  const top = String(field).split(/[[.]/)[0];
  return ALIASES[top] || top;
}

// The control of `field` inside `container`, trying "questions[2].text", then "questions[2]",
// then "questions".
export function controlOf(container, field) {
  let name = ALIASES[field] || String(field);
  for (;;) {
    const el = container.querySelector(`[data-field="${CSS.escape(name)}"]`);
    if (el) return el;
    const cut = Math.max(name.lastIndexOf("."), name.lastIndexOf("["));
    if (cut <= 0) return null;
    name = name.slice(0, cut);
  }
}

export function clearErrors(container) {
  for (const el of container.querySelectorAll(".field-error")) el.remove();
  for (const el of container.querySelectorAll("[aria-invalid]")) {
    el.removeAttribute("aria-invalid");
    const described = (el.getAttribute("aria-describedby") || "").split(" ")
      .filter((id) => id && !id.startsWith("err-")).join(" ");
    if (described) el.setAttribute("aria-describedby", described);
    else el.removeAttribute("aria-describedby");
  }
}

// Shows each error under its control; returns the errors no control of `container` takes.
export function showErrors(container, errors) {
  const rest = [];
  let first = null;
  for (const e of errors) {
    const control = controlOf(container, e.field);
    if (!control) {
      rest.push(e);
      continue;
    }
    const message = h("p", { class: "field-error", id: uid("err"), text: e.message });
    control.insertAdjacentElement("afterend", message);
    control.setAttribute("aria-invalid", "true");
    const described = control.getAttribute("aria-describedby");
    control.setAttribute("aria-describedby", described ? `${described} ${message.id}` : message.id);
    first = first || control;
  }
  if (first) first.focus();
  return rest;
}
