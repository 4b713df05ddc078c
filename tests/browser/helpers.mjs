// What the scenarios share: polling assertions (playwright-core has no `expect`), signing in,
// screenshots.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { OWNER_EMAIL, OWNER_PASSWORD } from "./server.mjs";

export const TIMEOUT_MS = 15000;
const POLL_MS = 100;

// Polls `probe` (async, returns a value) until `accept(value)` holds; throws with the last value
// after `timeout` ms.
export async function until(probe, accept, what, timeout = TIMEOUT_MS) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (accept(last)) return last;
    } catch (e) {
      last = `(${e.message.split("\n")[0]})`;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: still ${JSON.stringify(last)} after ${timeout} ms`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

// Waits until the locator's text matches `pattern` (a RegExp or a substring); returns the text.
export function expectText(locator, pattern, timeout) {
  const test = typeof pattern === "string" ? (t) => t.includes(pattern) : (t) => pattern.test(t);
  return until(() => locator.first().innerText(), (t) => test(t),
    `text of ${locator} should match ${pattern}`, timeout);
}

export function expectValue(locator, value, timeout) {
  return until(() => locator.inputValue(), (v) => v === value, `value of ${locator}`, timeout);
}

export function expectCount(locator, n, timeout) {
  return until(() => locator.count(), (c) => c === n, `count of ${locator} should be ${n}`,
    timeout);
}

export function expectVisible(locator, timeout = TIMEOUT_MS) {
  return locator.first().waitFor({ state: "visible", timeout });
}

export function expectHidden(locator, timeout = TIMEOUT_MS) {
  return locator.first().waitFor({ state: "hidden", timeout });
}

// Signs in on `page` from the dashboard's address; returns when a workspace or the workspace
// picker shows.
export async function signIn(page, base, email = OWNER_EMAIL, password = OWNER_PASSWORD) {
  await page.goto(`${base}/app/`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectVisible(page.locator(".topbar, .picker"));
}

export class Screenshots {
  constructor(dir) { this.dir = dir; }

  async take(page, name, options = {}) {
    if (!this.dir) return;
    await mkdir(this.dir, { recursive: true });
    const target = options.element ? page.locator(options.element) : page;
    await target.screenshot({ path: join(this.dir, name), animations: "disabled", caret: "hide" });
  }
}
