// Building the page without innerHTML: every text goes in as a text node, so nothing a customer
// writes can become markup.

// h("button", {class: "primary", onclick: fn, "aria-label": "Send"}, "Send", child...)
// Props: `class`, `text` (textContent), on* (event listeners), the live properties of PROPERTIES,
// anything else as an attribute (true gives an empty one; null, undefined and false none).
// Children: strings and numbers become text nodes; null, undefined and false are skipped; arrays
// are flattened.
const PROPERTIES = new Set(["value", "checked", "disabled", "hidden", "selected", "required",
  "readOnly", "multiple", "open"]);

export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = value;
    else if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else if (PROPERTIES.has(key)) el[key] = value;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

// Replaces the children of `el`.
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

// A unique id for label/aria wiring.
let counter = 0;
export function uid(prefix = "f") {
  counter += 1;
  return `${prefix}-${counter}`;
}

// Calls fn at most once per `ms`, after the last call.
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
