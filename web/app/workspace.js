// One workspace's screens: the top bar (workspace switcher, Inbox, Team, Setup for the owner, Try
// your agent, the live status, the notification bell, sign out) over the inbox, the team or the
// setup wizard.
// Owns the workspace's live updates (one EventSource) for as long as it is open.
import { h, fill } from "./dom.js";
import { Live } from "./live.js";
import { Bell } from "./bell.js";
import { Inbox } from "./inbox.js";
import { Wizard } from "./wizard.js";
import { Team } from "./team.js";
import { TryPanel } from "./try_panel.js";

function current(link, on) {
  if (on) link.setAttribute("aria-current", "page");
  else link.removeAttribute("aria-current");
}

export class Workspace {
  constructor({ slug, role, user, workspaces, navigate, signOut }) {
    this.slug = slug;
    this.live = new Live(slug);
    this.ctx = {
      slug,
      role,
      user,
      isOwner: role === "owner",
      live: this.live,
      navigate,
      link: (rest = "") => `#/w/${encodeURIComponent(slug)}${rest}`,
      announce: (text) => { this.announcer.textContent = text; },
    };
    this.view = null;
    this.viewKind = null;
    this.announcer = h("div", { class: "visually-hidden", "aria-live": "polite" });
    this.bell = new Bell(this.ctx);
    this.tryPanel = null;
    this.status = h("span", { class: "live-status", title: "Live updates", text: "Connecting…" });
    this.live.on("status", (s) => {
      this.status.textContent = s === "live" ? "Live" : "Reconnecting…";
      this.status.classList.toggle("ok", s === "live");
    });

    const switcher = h("select", { "aria-label": "Workspace", onchange: (e) => {
      if (e.target.value === "") navigate("#/workspaces");
      else navigate(`#/w/${encodeURIComponent(e.target.value)}`);
    } }, workspaces.map((w) => h("option", { value: w.slug, selected: w.slug === slug,
      text: w.slug })), h("option", { value: "", text: "All workspaces…" }));
    this.inboxLink = h("a", { href: this.ctx.link(), text: "Inbox" });
    this.teamLink = h("a", { href: this.ctx.link("/team"), text: "Team" });
    this.setupLink = this.ctx.isOwner ? h("a", { href: this.ctx.link("/setup/1"), text: "Setup" })
      : null;
    this.tryButton = h("button", { type: "button", class: "ghost", "aria-expanded": "false",
      text: "Try your agent", onclick: () => this.toggleTry() });
    const topbar = h("header", { class: "topbar" },
      h("span", { class: "brand", text: "frontdesk" }), switcher,
      h("nav", { "aria-label": "Workspace" }, this.inboxLink, this.teamLink, this.setupLink),
      h("span", { class: "grow" }),
      this.tryButton, this.status, this.bell.el,
      h("span", { class: "who", text: user.email }),
      h("button", { type: "button", class: "ghost", text: "Sign out", onclick: signOut }));
    this.main = h("div", { class: "workspace-main" });
    this.side = h("div", { class: "workspace-side" });
    this.el = h("div", { class: "workspace" }, topbar,
      h("div", { class: "workspace-body" }, this.main, this.side), this.announcer);
    this.live.start();
  }

  // Shows the inbox (with a conversation or none), the team or a wizard step.
  show(where) {
    const kind = where.screen;
    if (kind === "setup" && !this.ctx.isOwner) {
      this.ctx.navigate(this.ctx.link());
      return;
    }
    if (this.viewKind !== kind) {
      if (this.view) this.view.destroy();
      const View = { setup: Wizard, team: Team }[kind] || Inbox;
      this.view = new View(this.ctx);
      this.viewKind = kind;
      fill(this.main, this.view.el);
    }
    current(this.inboxLink, kind === "inbox");
    current(this.teamLink, kind === "team");
    if (this.setupLink) current(this.setupLink, kind === "setup");
    if (kind === "setup") {
      this.view.showStep(where.step);
      document.title = `Setup · ${this.slug} — frontdesk`;
    } else if (kind === "team") {
      document.title = `Team · ${this.slug} — frontdesk`;
    } else {
      this.view.open(where.conversation);
      document.title = `Inbox · ${this.slug} — frontdesk`;
    }
  }

  toggleTry() {
    if (this.tryPanel) {
      this.tryPanel.el.remove();
      this.tryPanel = null;
    } else {
      this.tryPanel = new TryPanel(this.slug, () => this.toggleTry());
      this.side.append(this.tryPanel.el);
    }
    this.tryButton.setAttribute("aria-expanded", String(Boolean(this.tryPanel)));
    this.el.classList.toggle("trying", Boolean(this.tryPanel));
  }

  destroy() {
    this.live.stop();
    if (this.view) this.view.destroy();
    this.bell.destroy();
  }
}
