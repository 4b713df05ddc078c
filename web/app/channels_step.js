// Wizard step 6, the channels: WhatsApp, Messenger and Instagram (ids and write-only secrets:
// a stored secret shows as "set", never its value; left blank, it is kept), each with its status,
// and the always-on web chat with its link and embed snippet. Saved at once, not a draft.
import * as api from "./api.js";
import { h, fill } from "./dom.js";
import { fieldRow, showErrors, clearErrors, text } from "./fields.js";

const META = {
  whatsapp: { name: "WhatsApp", account: "Phone number ID" },
  messenger: { name: "Messenger", account: "Facebook Page ID" },
  instagram: { name: "Instagram", account: "Instagram account ID" },
};
const STATUS = {
  connected: "Connected",
  not_connected: "Not connected",
  reconnection_needed: "Reconnection needed",
};
const SECRETS = { access_token: "Access token", app_secret: "App secret",
  verify_token: "Webhook verify token" };

export class ChannelsStep {
  constructor(ctx) {
    this.ctx = ctx;
    this.list = h("div", { class: "channels" }, h("p", { class: "muted", text: "Loading…" }));
    this.el = h("div", { class: "step-form" }, this.list);
    this.load();
  }

  async load() {
    try {
      const { channels } = await api.get(api.ws(this.ctx.slug, "/channels"));
      fill(this.list, channels.map((c) => (c.channel === "web" ? this.web(c) : this.meta(c))));
    } catch (err) {
      fill(this.list, h("p", { class: "error", role: "alert",
        text: `The channels could not be loaded. ${api.errorText(err)}` }));
    }
  }

  meta(c) {
    const about = META[c.channel] || { name: c.channel, account: "Account ID" };
    const account = fieldRow(about.account, text(c.account_id), "account_id");
    const app = fieldRow("App ID", text(c.app_id), "app_id");
    const secrets = Object.entries(SECRETS).map(([key, label]) => {
      const set = Boolean(c[`${key}_set`]);
      const input = h("input", { type: "password", autocomplete: "new-password",
        placeholder: set ? "set — leave blank to keep" : "" });
      const row = fieldRow(label, input, key);
      if (set) row.querySelector("label").append(" ", h("span", { class: "chip ok", text: "set" }));
      return row;
    });
    const message = h("p", { class: "error", role: "alert" });
    const saved = h("p", { class: "hint", role: "status" });
    const form = h("form", { class: "channel", onsubmit: async (e) => {
      e.preventDefault();
      clearErrors(form);
      message.textContent = "";
      const body = { account_id: account.control.value.trim(), app_id: app.control.value.trim() };
      secrets.forEach((row, i) => {
        const value = row.control.value.trim();
        if (value) body[Object.keys(SECRETS)[i]] = value;  // omitted: the stored one stays
      });
      try {
        await api.put(api.ws(this.ctx.slug, `/channels/${c.channel}`), body);
        saved.textContent = `${about.name} saved.`;
        this.load();
      } catch (err) {
        message.textContent = api.errorText(err);
        if (err instanceof api.ApiError) showErrors(form, err.fields);
      }
    } },
    h("fieldset", null, h("legend", null, about.name, " ",
      h("span", { class: `chip status-${c.status}`, text: STATUS[c.status] || c.status })),
    account, app, secrets, message, saved,
    h("div", { class: "row" },
      h("button", { type: "submit", class: "primary", text: `Save ${about.name}` }),
      c.account_id ? h("button", { type: "button", class: "danger", text: "Disconnect",
        onclick: () => this.disconnect(c.channel, about.name, message) }) : null)));
    return form;
  }

  async disconnect(channel, name, message) {
    if (!window.confirm(`Disconnect ${name}? Its messages stop reaching the agent.`)) return;
    try {
      await api.del(api.ws(this.ctx.slug, `/channels/${channel}`));
      this.load();
    } catch (err) {
      message.textContent = api.errorText(err);
    }
  }

  web(c) {
    const url = new URL(c.url, location.origin).href;
    const snippet = `<script src="${url}/widget.js" async></script>`;
    return h("section", { class: "channel" }, h("fieldset", null,
      h("legend", null, "Web chat ", h("span", { class: `chip status-${c.status}`,
        text: STATUS[c.status] || c.status })),
      h("p", null, "Always on. Share the link: ", h("a", { href: c.url, target: "_blank",
        rel: "noopener", text: url })),
      h("p", { class: "hint", text: "Or add the chat button to any page of your site:" }),
      h("code", { class: "snippet", text: snippet })));
  }
}
