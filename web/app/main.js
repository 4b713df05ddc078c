// The dashboard: sign-in, the workspace picker and the workspace's screens, chosen by the URL's
// fragment:
//   #/signin                 sign in
//   #/workspaces             pick a workspace or make a new one
//   #/w/{ws}                 the inbox
//   #/w/{ws}/c/{id}          the inbox with a conversation open
//   #/w/{ws}/team            the workspace's people
//   #/w/{ws}/setup/{step}    the setup wizard (owner)
import * as api from "./api.js";
import { h, fill } from "./dom.js";
import { fieldRow } from "./fields.js";
import { Workspace } from "./workspace.js";

const root = document.getElementById("app");
let session = null;  // GET /me: {user, workspaces: [{slug, role}]}
let workspace = null;  // the open Workspace screen
let afterSignIn = null;  // where a visitor who had to sign in was going

function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function home() {
  const list = session.workspaces;
  return list.length === 1 ? `#/w/${encodeURIComponent(list[0].slug)}` : "#/workspaces";
}

function closeWorkspace() {
  if (workspace) workspace.destroy();
  workspace = null;
}

function parse(hash) {
  const parts = hash.replace(/^#\/?/, "").split("/").map((part) => {
    try { return decodeURIComponent(part); } catch { return ""; }  // a malformed escape
  });
  if (parts[0] === "w" && parts[1]) {
    if (parts[2] === "c" && /^\d+$/.test(parts[3] || "")) {
      return { screen: "inbox", slug: parts[1], conversation: Number(parts[3]) };
    }
    if (parts[2] === "team") return { screen: "team", slug: parts[1] };
    if (parts[2] === "setup") {
      return { screen: "setup", slug: parts[1], step: Number(parts[3]) || 1 };
    }
    return { screen: "inbox", slug: parts[1], conversation: null };
  }
  return { screen: parts[0] || "" };
}

function route() {
  const where = parse(location.hash);
  if (!session) {
    closeWorkspace();
    if (where.screen !== "signin" && location.hash) afterSignIn = location.hash;
    showSignIn();
    return;
  }
  if (["inbox", "team", "setup"].includes(where.screen)) {
    const membership = session.workspaces.find((w) => w.slug === where.slug);
    if (!membership) {
      closeWorkspace();
      showMissing(where.slug);
      return;
    }
    if (!workspace || workspace.slug !== where.slug) {
      closeWorkspace();
      workspace = new Workspace({
        slug: where.slug,
        role: membership.role,
        user: session.user,
        workspaces: session.workspaces,
        navigate,
        signOut,
      });
      fill(root, workspace.el);
    }
    workspace.show(where);
    return;
  }
  closeWorkspace();
  if (where.screen === "workspaces") showPicker();
  else navigate(home());
}

async function signOut() {
  await api.signOut().catch(() => {});
  session = null;
  navigate("#/signin");
}

function showSignIn() {
  document.title = "Sign in — frontdesk";
  const email = h("input", { type: "email", name: "email", autocomplete: "username",
    required: true });
  const password = h("input", { type: "password", name: "password",
    autocomplete: "current-password", required: true });
  const error = h("p", { class: "error", role: "alert" });
  const button = h("button", { type: "submit", class: "primary", text: "Sign in" });
  const form = h("form", { class: "card signin", onsubmit: async (e) => {
    e.preventDefault();
    button.disabled = true;
    error.textContent = "";
    try {
      await api.signIn(email.value.trim(), password.value);
      session = await api.get("/me");
      const target = afterSignIn;
      afterSignIn = null;
      navigate(target && target !== "#/signin" ? target : home());
    } catch (err) {
      error.textContent = api.errorText(err);
      button.disabled = false;
      password.select();
    }
  } },
  h("h1", { class: "brand", text: "frontdesk" }),
  h("p", { class: "muted", text: "Sign in to your team's inbox." }),
  fieldRow("Email", email), fieldRow("Password", password), error, button);
  fill(root, h("main", { class: "center" }, form));
  email.focus();
}

function showPicker() {
  document.title = "Workspaces — frontdesk";
  const slug = h("input", { name: "slug", required: true, pattern: "[a-z0-9]([a-z0-9-]*[a-z0-9])?",
    maxlength: 63, autocomplete: "off", placeholder: "casa-verde" });
  const error = h("p", { class: "error", role: "alert" });
  const create = h("form", { class: "new-workspace", onsubmit: async (e) => {
    e.preventDefault();
    error.textContent = "";
    try {
      const made = await api.post("/workspaces", { slug: slug.value.trim() });
      session = await api.get("/me");
      navigate(`#/w/${encodeURIComponent(made.slug)}/setup/1`);
    } catch (err) {
      error.textContent = api.errorText(err);
      slug.focus();
    }
  } },
  h("h2", { text: "New workspace" }),
  fieldRow("Name in links", slug, null, "1 to 63 of a–z, 0–9 and -, not at the ends."), error,
  h("button", { type: "submit", class: "primary", text: "Create and set up" }));
  const list = session.workspaces.length
    ? h("ul", { class: "workspace-list" }, session.workspaces.map((w) => h("li", null,
      h("a", { href: `#/w/${encodeURIComponent(w.slug)}` }, h("strong", { text: w.slug }),
        h("span", { class: "muted", text: w.role === "owner" ? "Owner" : "Collaborator" })))))
    : h("p", { class: "muted", text: "You are not in any workspace yet." });
  fill(root, h("main", { class: "center" }, h("div", { class: "card picker" },
    h("div", { class: "row spread" }, h("h1", { text: "Workspaces" }),
      h("button", { type: "button", class: "link", text: "Sign out", onclick: signOut })),
    h("p", { class: "muted", text: `Signed in as ${session.user.email}` }), list, create)));
}

function showMissing(slug) {
  fill(root, h("main", { class: "center" }, h("div", { class: "card" },
    h("h1", { text: "No such workspace" }),
    h("p", { text: `There is no workspace “${slug}” you are a member of.` }),
    h("a", { href: "#/workspaces", text: "Your workspaces" }))));
}

api.onSignedOut(() => {
  if (!session) return;
  session = null;
  afterSignIn = location.hash;
  navigate("#/signin");
});

// A workspace answering 404 may be one this user was just removed from: read the memberships
// again and, if it is gone, leave it.
api.onNotFound(async () => {
  if (!session || !workspace) return;
  const me = await api.get("/me").catch(() => null);
  if (!me || !session) return;
  session = me;
  if (workspace && !me.workspaces.some((w) => w.slug === workspace.slug)) route();
});

async function boot() {
  // The CSRF token lives in this tab's session storage: without it the cookie alone cannot
  // change anything, so sign in again.
  if (api.csrfToken()) {
    try { session = await api.get("/me"); } catch { session = null; }
  }
  window.addEventListener("hashchange", route);
  route();
}

boot();
