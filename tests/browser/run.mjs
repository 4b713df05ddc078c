#!/usr/bin/env node
// The dashboard's browser tests: playwright-core drives Debian's chromium (headless) against a
// real `frontdesk serve` on a free loopback port.
//
//   node tests/browser/run.mjs BUILD/src/frontdesk [--screenshots DIR]
//
// --screenshots DIR  where the scenarios save inbox.png, conversation.png, lead-panel.png,
//                    wizard.png, team.png and phone.png (docs/screenshots to refresh the
//                    README's), and failure-NAME.png when a scenario fails
// FRONTDESK_CHROMIUM overrides the browser (default /usr/bin/chromium).
import { test, before, after } from "node:test";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startServer } from "./server.mjs";
import { Screenshots } from "./helpers.mjs";
import * as scenario from "./scenarios.mjs";

// The scenarios in order; each may build on what the ones before it left.
const SCENARIOS = [
  ["sign-in, redirect, sign-out", "signin", scenario.signin],
  ["first load under 300 KB", "first-load", scenario.firstLoad],
  ["the web chat shows a reply sent before its stream opened", "web-chat-catch-up",
    scenario.webChatCatchUp],
  ["the page's rules: no markup from text, countdown, field errors", "page-rules",
    scenario.pageRules],
  ["a. a workspace set up with the wizard and published", "wizard", scenario.wizard],
  ["b. a customer qualified on the web chat and handed off", "customer-chat",
    scenario.customerChat],
  ["c. the notification arrives live", "live-notification", scenario.liveNotification],
  ["d. manual control, a reply with a photo, the countdown, back to AI", "manual-reply",
    scenario.manualReply],
  ["e. the qualification answers on the lead panel", "lead-panel", scenario.leadPanel],
  ["f. a collaborator added, replying, removed", "team", scenario.team],
  ["g. inbox and conversation at phone width", "phone", scenario.phone],
  ["h. a customer's photo in the conversation", "customer-photo", scenario.customerPhoto],
  ["i. a reply with a file reaches the channel", "attach-file", scenario.attachFile],
];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { screenshots: { type: "string" } },
});
const binary = positionals[0] && resolve(positionals[0]);
if (!binary || !existsSync(binary)) {
  console.error("usage: node tests/browser/run.mjs FRONTDESK_BINARY [--screenshots DIR]");
  process.exit(2);
}
const executablePath = process.env.FRONTDESK_CHROMIUM || "/usr/bin/chromium";
if (!existsSync(executablePath)) {
  console.error(`${executablePath} is missing: run scripts/install-deps (Debian package chromium)`);
  process.exit(2);
}

const { chromium } = await import("playwright-core").catch(() => {
  console.error("playwright-core is missing: run scripts/install-deps (npm ci in tests/browser)");
  process.exit(2);
});

const s = {
  sourceDir: resolve(dirname(fileURLToPath(import.meta.url)), "../.."),
  shots: new Screenshots(values.screenshots && resolve(values.screenshots)),
};
let server;
let failed = false;  // a scenario failed: the ones after it cannot run

before(async () => {
  server = await startServer(binary);
  s.base = server.base;
  s.graph = server.graph;
  s.browser = await chromium.launch({
    executablePath,
    headless: true,
    // Chromium's sandbox cannot start as root (containers, CI).
    args: process.getuid && process.getuid() === 0 ? ["--no-sandbox"] : [],
  });
});

after(async () => {
  if (s.browser) await s.browser.close();
  if (server) await server.stop();
});

for (const [title, name, run] of SCENARIOS) {
  test(title, async () => {
    if (failed) throw new Error("not run: an earlier scenario failed");
    try {
      await run(s);
    } catch (error) {
      failed = true;
      const page = s.owner && !s.owner.isClosed() ? s.owner : null;
      if (page && s.shots.dir) await s.shots.take(page, `failure-${name}.png`).catch(() => {});
      console.error(`--- server log ---\n${server.log().slice(-4000)}`);
      throw error;
    }
  });
}
