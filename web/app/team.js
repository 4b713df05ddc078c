// The workspace's people: every member sees who is in it (email, role, "you") and changes their
// own password (a collaborator's first one comes from the owner); the owner also adds a
// collaborator (email and a first password, or an existing user's email alone) and removes one,
// after a confirmation in place of the Remove button.
import * as api from "./api.js";
import { h, fill } from "./dom.js";
import { fieldRow, clearErrors, showErrors } from "./fields.js";

const ROLES = { owner: "Owner", collaborator: "Collaborator" };

export class Team {
  constructor(ctx) {
    this.ctx = ctx;
    this.list = h("ul", { class: "members", "aria-label": "Members" });
    this.error = h("p", { class: "error", role: "alert" });
    this.notice = h("p", { class: "notice-line", role: "status" });
    this.el = h("section", { class: "team", "aria-labelledby": "team-title" },
      h("h1", { id: "team-title", text: "Team" }),
      h("p", { class: "muted", text: "Everyone here sees the whole inbox and replies to " +
        "customers. Only the owner changes the setup and the team." }),
      this.notice, this.error, this.list, ctx.isOwner ? this.addForm() : null,
      this.passwordForm());
    this.load();
  }

  path(rest = "") { return api.ws(this.ctx.slug, `/members${rest}`); }

  async load() {
    try {
      const { members } = await api.get(this.path());
      fill(this.list, members.map((m) => this.row(m)));
      this.error.textContent = "";
    } catch (err) {
      this.error.textContent = `The team could not be loaded. ${api.errorText(err)}`;
    }
  }

  row(m) {
    const you = m.user_id === this.ctx.user.id;
    const actions = h("div", { class: "row member-actions" });
    const li = h("li", { class: "member" },
      h("div", { class: "member-who" }, h("strong", { class: "member-email", text: m.email }),
        h("span", { class: "chip", text: ROLES[m.role] || m.role }),
        you ? h("span", { class: "chip ok", text: "you" }) : null),
      actions);
    if (!this.ctx.isOwner || m.role === "owner") return li;
    const ask = () => {
      const yes = h("button", { type: "button", class: "danger", text: "Yes, remove",
        "aria-label": `Yes, remove ${m.email}`, onclick: () => this.remove(m, yes) });
      fill(actions, h("span", { class: "confirm", text: `Remove ${m.email}?` }), yes,
        h("button", { type: "button", text: "Cancel", onclick: () => idle().focus() }));
      yes.focus();
    };
    const idle = () => {
      const remove = h("button", { type: "button", class: "danger", text: "Remove",
        "aria-label": `Remove ${m.email}`, onclick: ask });
      fill(actions, remove);
      return remove;
    };
    idle();
    return li;
  }

  async remove(m, button) {
    button.disabled = true;
    try {
      await api.del(this.path(`/${m.user_id}`));
      this.notice.textContent = `${m.email} was removed from the team.`;
      await this.load();
    } catch (err) {
      this.error.textContent = `${m.email} could not be removed. ${api.errorText(err)}`;
      button.disabled = false;
    }
  }

  addForm() {
    const email = h("input", { type: "email", autocomplete: "off", required: true,
      placeholder: "name@example.com" });
    const password = h("input", { type: "text", autocomplete: "off", spellcheck: "false" });
    const error = h("p", { class: "error", role: "alert" });
    const button = h("button", { type: "submit", class: "primary", text: "Add collaborator" });
    const form = h("form", { class: "add-member", novalidate: true, onsubmit: async (e) => {
      e.preventDefault();
      clearErrors(form);
      error.textContent = "";
      this.notice.textContent = "";
      button.disabled = true;
      const body = { email: email.value.trim() };
      if (password.value) body.password = password.value;
      try {
        const added = await api.post(this.path(), body);
        this.notice.textContent = `${added.email} was added. They sign in with this email and ` +
          "the first password you gave them (none for someone who already had an account).";
        form.reset();
        await this.load();
      } catch (err) {
        this.showFailure(form, error, err);
      }
      button.disabled = false;
    } },
    h("h2", { text: "Add a collaborator" }),
    fieldRow("Email", email, "email"),
    fieldRow("First password", password, "password",
      "At least 10 characters; give it to them. Empty for someone who already has an account."),
    error, button);
    return form;
  }

  // The signed-in user's own password. The other sessions of the user end; this one stays.
  passwordForm() {
    const current = h("input", { type: "password", autocomplete: "current-password",
      required: true });
    const next = h("input", { type: "password", autocomplete: "new-password", required: true });
    const error = h("p", { class: "error", role: "alert" });
    const done = h("p", { class: "notice-line", role: "status" });
    const button = h("button", { type: "submit", text: "Change password" });
    const form = h("form", { class: "own-password", novalidate: true, onsubmit: async (e) => {
      e.preventDefault();
      clearErrors(form);
      error.textContent = done.textContent = "";
      button.disabled = true;
      try {
        await api.post("/me/password",
          { current_password: current.value, new_password: next.value });
        done.textContent = "Your password was changed. Your other sessions were signed out.";
        form.reset();
      } catch (err) {
        this.showFailure(form, error, err);
      }
      button.disabled = false;
    } },
    h("h2", { text: "Your password" }),
    fieldRow("Current password", current, "current_password"),
    fieldRow("New password", next, "new_password", "At least 10 characters."),
    error, done, button);
    return form;
  }

  // The API's field errors on the form's fields; anything else in `error`.
  showFailure(form, error, err) {
    const rest = err instanceof api.ApiError ? showErrors(form, err.fields) : [];
    if (!(err instanceof api.ApiError) || !err.fields.length || rest.length) {
      error.textContent = api.errorText(err);
    }
  }

  destroy() {}
}
