// "Try your agent": the workspace's web chat page (/chat/{ws}) in a frame, to talk to the
// published agent as a customer would.
import { h } from "./dom.js";

export class TryPanel {
  // `onClose`: called by the panel's Close button; null for a panel that cannot be closed.
  constructor(slug, onClose) {
    this.url = `/chat/${encodeURIComponent(slug)}`;
    this.frame = h("iframe", { title: "Try your agent: the web chat", src: this.url });
    this.el = h("section", { class: "try-panel", "aria-label": "Try your agent" },
      h("div", { class: "row spread" }, h("h2", { text: "Try your agent" }),
        h("div", { class: "row" },
          h("button", { type: "button", class: "ghost small", text: "Restart",
            title: "Load the chat again (after publishing changes)",
            onclick: () => this.reload() }),
          onClose && h("button", { type: "button", class: "ghost small", text: "Close",
            onclick: onClose }))),
      h("p", { class: "hint" }, "Chats with the published agent, as a customer on the web chat. ",
        h("a", { href: this.url, target: "_blank", rel: "noopener", text: "Open in a new tab" })),
      this.frame);
  }

  reload() {
    this.frame.src = this.url;
  }
}
