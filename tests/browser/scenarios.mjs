// The dashboard's scenarios, in the order they run: each may build on the state the previous
// ones left (`s`: the browser, the server's address, the owner's page, the customer's page).
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPLY as MODEL_REPLY } from "./fake_model.mjs";
import { OWNER_EMAIL } from "./server.mjs";
import { expectCount, expectHidden, expectText, expectValue, expectVisible, signIn,
  until } from "./helpers.mjs";

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 740 };
const FIRST_LOAD_LIMIT = 300 * 1024;

export const SLUG = "casa-verde";
export const QUESTIONS = [
  // The budget is an amount: stored as "1500 EUR", the customer's words kept beside it.
  { text: "What is your monthly budget?", label: "Budget", answer: "About 1500 euros a month",
    type: "amount", value: "1500 EUR" },
  { text: "When would you like to move in?", label: "Timeline", answer: "Next month" },
];
const GREETING = "Hi! I'm Lia from Casa Verde Homes. I help you find a flat to rent.";
const QUALIFIED = "Thank you! A person from our team will continue here shortly.";
const REPLY = "Hello, this is the team. We have two flats for you.";
const CUSTOMER = "Ana Costa";
const BEA = "bea@casa-verde.example";
const BEA_PASSWORD = "bea's first password";
const BEA_OWN_PASSWORD = "bea chose this one";
const BEA_REPLY = "Hi Ana, Bea here. I can show you both flats on Friday.";

// A WhatsApp number connected to "shop" for h. (the wizard gave casa-verde another), and a photo a customer sends there (1 × 1 PNG).
const WHATSAPP = { account_id: "106540352200001", access_token: "browser-test-token",
  app_secret: "browser_test_app_secret_0123456789", verify_token: "verify-me" };
const PHOTO_ID = "1908647269898587";  // tests/data/whatsapp/in_image.json's media
const PHOTO = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQ" +
  "GAhKmMIQAAAABJRU5ErkJggg==", "base64");

// "Manual — AI resumes in 14:58" → 898 (seconds).
function secondsLeft(text) {
  const m = /(?:(\d+):)?(\d\d):(\d\d)\s*$/.exec(text);
  assert.ok(m, `no countdown in "${text}"`);
  return Number(m[1] || 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

// Sign-in, the redirect to /app/, a refused password, staying signed in on reload, sign out.
export async function signin(s) {
  const context = await s.browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  const response = await page.goto(`${s.base}/`);
  assert.equal(new URL(page.url()).pathname, "/app/");
  assert.equal(response.status(), 200);

  await page.getByLabel("Email").fill(OWNER_EMAIL);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectText(page.getByRole("alert"), "wrong email or password");

  await signIn(page, s.base);
  await expectText(page.locator(".who"), OWNER_EMAIL);
  assert.equal(await page.getByRole("combobox", { name: "Workspace" }).inputValue(), "shop");
  assert.match(page.url(), /#\/w\/shop$/);
  await expectVisible(page.getByRole("link", { name: "Setup" }));  // the owner's

  await page.reload();
  await expectText(page.locator(".who"), OWNER_EMAIL);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expectVisible(page.getByRole("button", { name: "Sign in" }));
  const me = await context.request.get(`${s.base}/api/v1/me`);
  assert.equal(me.status(), 401);

  // Another tab (at phone width) signs in; then the first tab's CSRF token belongs to a session
  // the cookie no longer carries: its next change sends it back to the sign-in.
  await signIn(page, s.base);
  const phone = await context.newPage();
  await phone.setViewportSize(PHONE);
  await phone.goto(`${s.base}/app/#/w/shop`);
  await expectVisible(phone.getByRole("button", { name: "Sign in" }));  // no token in this tab
  await signIn(phone, s.base);
  await expectVisible(phone.locator(".list-pane"));
  assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= innerWidth),
    "wider than the phone");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expectVisible(page.getByRole("button", { name: "Sign in" }));
  assert.equal((await context.request.get(`${s.base}/api/v1/me`)).status(), 200);  // the phone's
  await context.close();
}

// The first load of the dashboard (the page and every file it loads) stays small.
export async function firstLoad(s) {
  const context = await s.browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await page.goto(`${s.base}/app/`, { waitUntil: "networkidle" });
  await expectVisible(page.getByRole("button", { name: "Sign in" }));
  const sizes = await page.evaluate(() => {
    const app = (e) => new URL(e.name).pathname.startsWith("/app/");
    const entries = [...performance.getEntriesByType("navigation"),
      ...performance.getEntriesByType("resource")].filter(app);
    return {
      files: entries.map((e) => new URL(e.name).pathname),
      transferred: entries.reduce((n, e) => n + e.transferSize, 0),
      decoded: entries.reduce((n, e) => n + e.decodedBodySize, 0),
    };
  });
  console.log(`# first load: ${sizes.files.length} files, ${sizes.transferred} bytes transferred ` +
    `(${sizes.decoded} bytes uncompressed)`);
  assert.ok(sizes.files.includes("/app/main.js") && sizes.files.includes("/app/app.css"),
    `loaded ${sizes.files}`);
  assert.ok(sizes.transferred > 0, "nothing measured");
  assert.ok(sizes.transferred < FIRST_LOAD_LIMIT, `${sizes.transferred} bytes`);
  assert.ok(sizes.transferred < sizes.decoded, "the assets should arrive gzip-compressed");
  await context.close();
}

// The web chat of "shop" (published by the harness): a reply committed while its event stream
// is still connecting is shown once the stream opens, and sending waits for it.
export async function webChatCatchUp(s) {
  const context = await s.browser.newContext({ viewport: { width: 420, height: 760 } });
  try {
    const chat = await context.newPage();
    let release;
    let reached;
    const held = new Promise((resolve) => { release = resolve; });
    const connecting = new Promise((resolve) => { reached = resolve; });
    await chat.route("**/chat/shop/events", async (route) => {
      reached();
      await held;
      await route.continue();
    });
    await chat.goto(`${s.base}/chat/shop`);
    await connecting;  // the history was read (the visitor's cookie is set); the stream waits
    assert.equal(await chat.getByRole("button", { name: "Send" }).isDisabled(), true,
      "Send waits for the stream");
    // The message goes around the page, before its stream opens.
    const sent = await context.request.post(`${s.base}/chat/shop/messages`,
      { data: { text: "Hello there" } });
    assert.ok(sent.ok(), `the message was refused: ${sent.status()}`);
    release();
    await expectText(chat.locator("#log .msg.ai"), "Hi!");
    await until(() => chat.getByRole("button", { name: "Send" }).isEnabled(), (e) => e,
      "Send is enabled once the stream is open");
    const history = await (await context.request.get(`${s.base}/chat/shop/messages`)).json();
    const replies = history.messages.filter((m) => m.author !== "customer").length;
    await expectCount(chat.locator("#log .msg:not(.customer)"), replies);  // each once
  } finally {
    await context.close();
  }
}

// The page's own rules, run in the browser on its modules: text never becomes markup, the mode
// badge's countdown, validation errors placed on the field (and step) they name.
export async function pageRules(s) {
  const context = await s.browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await page.goto(`${s.base}/app/`);
  const r = await page.evaluate(async () => {
    const { h } = await import("/app/dom.js");
    const format = await import("/app/format.js");
    const fields = await import("/app/fields.js");
    const { stepOf } = await import("/app/wizard.js");
    const hostile = "<img src=x onerror=\"window.owned=1\">Ana";
    const bubble = h("p", { class: "text" }, hostile);
    document.body.append(bubble);
    const form = h("form", null,
      h("textarea", { "data-field": "questions[0].text" }),
      h("textarea", { "data-field": "questions[1].text" }),
      h("input", { "data-field": "pause_minutes" }));
    document.body.append(form);
    const rest = fields.showErrors(form, [
      { field: "questions[1].text", message: "must not be empty" },
      { field: "questions[1].label", message: "too long" },  // no control, nor a parent
      { field: "pause", message: "must be positive" },
      { field: "translations.es.questions", message: "elsewhere" },
    ]);
    const now = Date.parse("2026-11-20T09:30:00.000Z");
    return {
      text: bubble.textContent,
      elements: bubble.children.length,
      owned: window.owned === 1,
      ai: format.modeText({ mode: "ai", resume_at: null }, now),
      manual: format.modeText({ mode: "manual", resume_at: "2026-11-20T09:44:59.000Z" }, now),
      paused: format.modeText({ mode: "manual", resume_at: null }, now),
      overdue: format.countdown(-5000),
      hours: format.countdown((2 * 3600 + 5) * 1000),
      invalid: [...form.querySelectorAll("[aria-invalid=true]")].map((e) => e.dataset.field),
      messages: [...form.querySelectorAll(".field-error")].map((e) => e.textContent),
      rest: rest.map((e) => e.field),
      steps: ["greeting", "questions[2].text", "pause", "business_context", "whatever"].map(stepOf),
    };
  });
  assert.equal(r.text, "<img src=x onerror=\"window.owned=1\">Ana");
  assert.equal(r.elements, 0);
  assert.equal(r.owned, false);
  assert.equal(r.ai, "AI active");
  assert.equal(r.manual, "Manual — AI resumes in 14:59");
  assert.equal(r.paused, "Manual — AI paused");
  assert.equal(r.overdue, "00:00");
  assert.equal(r.hours, "2:00:05");
  assert.deepEqual(r.invalid, ["questions[1].text", "pause_minutes"]);
  assert.deepEqual(r.messages, ["must not be empty", "must be positive"]);
  assert.deepEqual(r.rest, ["questions[1].label", "translations.es.questions"]);
  assert.deepEqual(r.steps, [1, 3, 2, 5, 7]);
  await context.close();
}

// a. The owner makes a workspace and sets it up with the wizard, then publishes it.
export async function wizard(s) {
  const context = await s.browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  s.owner = page;
  await signIn(page, s.base);
  await page.getByRole("combobox", { name: "Workspace" })
    .selectOption({ label: "All workspaces…" });
  await page.getByLabel("Name in links").fill(SLUG);
  await page.getByRole("button", { name: "Create and set up" }).click();
  await expectText(page.locator("#step-title"), "1. Company and agent");
  await expectText(page.locator(".draft-status"), /Not published yet|Unpublished changes/);

  // A new draft cannot be published: the review lists what is missing, each linked to its step
  // and field.
  await page.getByRole("link", { name: /Review and publish/ }).click();
  await expectText(page.locator(".problems"), "Before you can publish");
  assert.equal(await page.getByRole("button", { name: "Publish", exact: true }).isDisabled(), true);
  await page.locator(".problems").getByRole("link", { name: "Fix in step 1" }).first().click();
  await expectText(page.locator("#step-title"), "1. Company and agent");
  await until(() => page.getByLabel("Greeting message").getAttribute("aria-invalid"),
    (v) => v === "true", "the missing greeting is marked");

  // 1. Company and agent
  await page.getByLabel("Company name").fill("Casa Verde Homes");
  await page.getByLabel("Industry").fill("Flat rentals");
  await page.getByLabel("Website").fill("https://casaverde.example");
  await page.getByLabel("Social links").fill("https://instagram.com/casaverde.example");
  await page.getByLabel("Agent's name").fill("Lia");
  await page.getByLabel("Communication style").fill("friendly");
  await page.getByLabel("Default language").selectOption("en");
  await page.getByLabel("Greeting message").fill(GREETING);
  // Test connection, beside the brain while it is the model: the fake model refuses the key the
  // first time, then answers; each result shows next to the button, never at the top.
  const check = page.getByRole("button", { name: "Test connection" });
  await expectHidden(check);
  await page.getByLabel("Brain").selectOption("llm");
  await check.click();
  const result = page.locator(".model-check-result");
  await expectText(result, "Testing the model with this draft");
  await expectText(result, "The test failed: the server refused the key");
  assert.ok(!(await result.innerText()).includes("sk-abc"), "the provider's message is shown");
  await check.click();
  await expectText(result, "Connected to fake-model, with tool calling");
  await expectText(result, "Asked “What do you offer?”, the agent answered:");
  await expectText(result.locator(".sample"), MODEL_REPLY);
  assert.equal(await page.locator(".notice-line .error").count(), 0);
  await page.getByLabel("Brain").selectOption("local");  // the scenarios below use the local brain
  await expectHidden(check);
  await page.getByRole("button", { name: "Save and continue" }).click();

  // 2. Workflow and operator settings
  await expectText(page.locator("#step-title"), "2. Workflow");
  await page.getByLabel(/Qualify, then transfer/).check();
  await page.getByLabel("Handoff message").fill("I'm passing you to a person from our team.");
  await page.getByLabel("Qualified message").fill(QUALIFIED);
  await page.getByLabel("Resume notice").fill("Lia here again!");
  await page.getByLabel(/^Pause after a person steps in/).fill("15");
  await page.getByLabel(/^Wait for more messages/).fill("0");
  const askDetails = page.getByLabel(/^Web chat: ask for a name and an email or phone/);
  assert.equal(await askDetails.isChecked(), true);  // on by default
  await askDetails.uncheck();
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expectText(page.locator(".draft-status"), "Unpublished changes");

  // 3. Questions: a blank one is refused on its own field; reorder and delete work.
  await expectText(page.locator("#step-title"), "3. Qualification questions");
  await page.getByRole("button", { name: "Add question" }).click();
  await page.getByLabel("Question 1", { exact: true }).fill(QUESTIONS[1].text);
  await page.getByLabel("Label of question 1", { exact: true }).fill(QUESTIONS[1].label);
  await page.getByRole("button", { name: "Add question" }).click();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const blank = page.getByLabel("Question 2", { exact: true });
  await until(() => blank.getAttribute("aria-invalid"), (v) => v === "true",
    "the blank question is marked invalid");
  await expectVisible(page.locator(".field-error"));
  await blank.fill(QUESTIONS[0].text);
  await page.getByLabel("Label of question 2", { exact: true }).fill(QUESTIONS[0].label);
  await page.getByRole("button", { name: "Move question 2 up" }).click();
  await expectValue(page.getByLabel("Question 1", { exact: true }), QUESTIONS[0].text);
  await page.getByLabel("Answer of question 1", { exact: true }).selectOption(QUESTIONS[0].type);
  await page.getByRole("button", { name: "Add question" }).click();
  await page.getByLabel("Question 3", { exact: true }).fill("A question to delete");
  await page.getByRole("button", { name: "Delete question 3" }).click();
  await expectCount(page.locator("li.question"), 2);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expectText(page.locator(".notice-line"), "Saved.");
  await expectCount(page.locator(".field-error"), 0);
  await page.locator(".workspace-main").evaluate((main) => main.scrollTo(0, 0));
  await s.shots.take(page, "wizard.png");
  await page.getByRole("button", { name: "Save and continue" }).click();

  // 4. Catalog: upload (the shop's catalog as an Excel workbook) with progress, search
  // preparation, search.
  await expectText(page.locator("#step-title"), "4. Catalog");
  const workbook = join(s.sourceDir, "tests/data/xlsx/shop.xlsx");
  assert.ok(existsSync(workbook), workbook);
  await page.getByLabel("Catalog file (CSV or Excel)").setInputFiles(workbook);
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await expectText(page.locator(".catalog .upload"), /Uploaded shop\.xlsx: \d+ products/);
  await expectText(page.locator(".catalog-status"), /\d+ products · Search ready/, 30000);
  await page.getByRole("searchbox", { name: "Search products" }).fill("mug");
  await expectText(page.locator(".products tbody"), "Stoneware mug");
  await expectText(page.locator(".products tbody"), "14.90");  // as Excel shows the price
  await expectText(page.locator(".catalog-status"), /matching products/);
  await page.getByRole("button", { name: "Continue", exact: true }).click();

  // 5. Business context, with its counter.
  await expectText(page.locator("#step-title"), "5. Business context");
  const context5 = "We rent furnished flats in Lisbon. Viewings Monday to Friday, 10:00-18:00.";
  await page.getByRole("textbox", { name: "Business context" }).fill(context5);
  await expectText(page.locator(".counter"), `${context5.length} / 20,000 characters`);
  await page.getByRole("button", { name: "Save and continue" }).click();

  // 6. Channels: the three Meta channels not connected, the web chat always on.
  await expectText(page.locator("#step-title"), "6. Channels");
  for (const name of ["WhatsApp", "Messenger", "Instagram"]) {
    await expectText(page.locator("fieldset", { hasText: name }).first(), "Not connected");
  }
  await expectVisible(page.getByRole("link", { name: new RegExp(`/chat/${SLUG}$`) }));
  // A channel without its secrets is refused on their fields; with them it connects, and the
  // secrets show as "set", never their values.
  const messenger = page.locator("form.channel", { hasText: "Messenger" });
  await messenger.getByLabel("Facebook Page ID").fill("page-1");
  await messenger.getByRole("button", { name: "Save Messenger" }).click();
  await until(() => messenger.getByLabel(/^Access token/).getAttribute("aria-invalid"),
    (v) => v === "true", "the missing access token is marked");
  const whatsapp = page.locator("form.channel", { hasText: "WhatsApp" });
  await whatsapp.getByLabel("Phone number ID").fill("106540352242922");
  await whatsapp.getByLabel("App ID").fill("1234567890");
  await whatsapp.getByLabel(/^Access token/).fill("EAAG-secret-token");
  await whatsapp.getByLabel(/^App secret/).fill("app-secret-value");
  await whatsapp.getByLabel(/^Webhook verify token/).fill("verify-token-value");
  await whatsapp.getByRole("button", { name: "Save WhatsApp" }).click();
  const saved = page.locator("form.channel", { hasText: "WhatsApp" });
  await expectText(saved.locator("legend"), "Connected");
  await expectValue(saved.getByLabel(/^Access token/), "");
  assert.equal(await saved.getByLabel(/^Access token/).getAttribute("placeholder"),
    "set — leave blank to keep");
  assert.ok(!(await page.content()).includes("EAAG-secret-token"), "a secret is on the page");
  await page.getByRole("button", { name: "Continue", exact: true }).click();

  // 7. Review and publish.
  await expectText(page.locator("#step-title"), "7. Review and publish");
  await expectText(page.locator(".ok-line"), "Everything needed is there.");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expectText(page.locator(".publish-result"), "Published: the agent now runs version 1.");
  await expectText(page.locator(".draft-status"), "Published · version 1");
  const config = await context.request.get(`${s.base}/api/v1/workspaces/${SLUG}/config`);
  const body = await config.json();
  assert.equal(body.published_version, 1);
  assert.equal(body.published.workflow, "qualify_and_transfer");
  assert.equal(body.published.ask_contact_details, false);
  assert.deepEqual(body.published.questions.map((q) => q.label), ["Budget", "Timeline"]);
  assert.deepEqual(body.published.questions.map((q) => q.type), ["amount", "text"]);

  // A change not published yet, then discarded: the draft is the published version again.
  await page.getByRole("link", { name: /Company and agent/ }).click();
  await page.getByLabel("Agent's name").fill("Someone else");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expectText(page.locator(".draft-status"), "Unpublished changes");
  await page.getByRole("link", { name: /Review and publish/ }).click();
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Discard changes" }).click();
  await expectText(page.locator(".publish-result"), "Discarded");
  await expectText(page.locator(".draft-status"), "Published · version 1");
  await page.getByRole("link", { name: /Company and agent/ }).click();
  await expectValue(page.getByLabel("Agent's name"), "Lia");
}

// b. A customer chats on the web chat until the lead is qualified and handed to the team. The
// owner watches the inbox meanwhile (for c).
export async function customerChat(s) {
  const page = s.owner;
  await page.getByRole("link", { name: "Inbox" }).click();
  await expectVisible(page.locator(".list-pane"));
  await page.evaluate(() => { window.stillTheSamePage = true; });
  s.bellBefore = await page.locator(".bell .count").isVisible()
    ? Number(await page.locator(".bell .count").innerText()) : 0;

  const context = await s.browser.newContext({ viewport: { width: 420, height: 760 } });
  const chat = await context.newPage();
  s.customer = chat;
  await chat.goto(`${s.base}/chat/${SLUG}`);
  const say = async (text) => {
    await chat.getByPlaceholder("Type a message").fill(text);
    await chat.getByRole("button", { name: "Send" }).click();
  };
  const agent = chat.locator("#log .msg.ai");
  await say("Hello!");
  await expectText(agent.last(), QUESTIONS[0].text);
  await expectText(agent.first(), "Lia");
  await say(QUESTIONS[0].answer);
  await expectText(agent.last(), QUESTIONS[1].text);
  await say(QUESTIONS[1].answer);
  await expectText(agent.last(), QUALIFIED);
}

// c. The owner's bell counts the new notification without a reload; it says why and shows the
// answers, and opens the conversation.
export async function liveNotification(s) {
  const page = s.owner;
  await until(() => page.locator(".bell .count").innerText(), (t) => Number(t) === s.bellBefore + 1,
    "the bell counts the new notification");
  assert.equal(await page.evaluate(() => window.stillTheSamePage), true, "the page was reloaded");
  await expectVisible(page.locator(".conversation-row"));
  await expectText(page.locator(".conversation-row").first(), "Manual");
  // The inbox's leads export as a spreadsheet, the answers as columns.
  const [download] = await Promise.all([page.waitForEvent("download"),
    page.getByRole("link", { name: "CSV", exact: true }).click()]);
  assert.match(download.suggestedFilename(), /^leads-casa-verde-\d{4}-\d{2}-\d{2}\.csv$/);
  const exported = readFileSync(await download.path(), "utf8");
  assert.ok(exported.includes(`,${QUESTIONS[0].label},`), exported);
  assert.ok(exported.includes(QUESTIONS[1].answer), exported);
  assert.ok(exported.includes(QUESTIONS[0].value), exported);  // the typed value

  await page.getByRole("button", { name: /^Notifications/ }).click();
  const item = page.locator(".notification").first();
  await expectText(item, "Lead qualified");
  await expectText(item, "The lead answered every question");
  await expectText(item, `${QUESTIONS[0].label}`);
  await expectText(item, QUESTIONS[0].value);
  await expectText(item, QUESTIONS[1].answer);
  await s.shots.take(page, "inbox.png");
  await item.click();
  await expectVisible(page.locator(".conversation-main"));
  assert.match(page.url(), /#\/w\/casa-verde\/c\/\d+$/);
  await until(() => page.locator(".bell .count").isVisible(), (v) => v === (s.bellBefore > 0),
    "opening the notification marks it read");
}

// d. Return to AI, take manual control, watch the pause count down, reply from the composer
// (the customer sees it), return to AI.
export async function manualReply(s) {
  const page = s.owner;
  const badge = page.locator(".mode-badge");
  await expectText(badge, /^Manual — AI resumes in \d\d:\d\d$/);  // after the handoff
  await page.getByRole("button", { name: "Return to AI" }).click();
  await expectText(badge, "AI active");
  assert.equal(await page.getByRole("textbox", { name: "Reply" }).isDisabled(), true);

  await page.getByRole("button", { name: "Take manual control" }).click();
  const first = await expectText(badge, /^Manual — AI resumes in \d\d:\d\d$/);
  const later = await until(() => badge.innerText(), (t) => t !== first,
    "the countdown moves", 5000);
  assert.ok(secondsLeft(later) < secondsLeft(first), `${first} → ${later}`);
  assert.ok(secondsLeft(first) > 14 * 60, first);  // the 15-minute pause

  await page.getByRole("textbox", { name: "Reply" }).fill(REPLY);
  await page.getByRole("button", { name: "Send" }).click();
  const mine = page.locator(".message.author-human_crm");
  await expectText(mine.last(), REPLY);
  await expectText(mine.last().locator(".caption"), "(CRM)");
  await expectText(s.customer.locator("#log .msg.human_crm").last(), REPLY);

  // A photo sent with a reply is on the visitor's page at once, and loads there.
  await page.locator(".composer input[type=file]").setInputFiles({ name: "map.png",
    mimeType: "image/png", buffer: PHOTO });
  await page.getByRole("textbox", { name: "Reply" }).fill("Here is the map");
  await page.getByRole("button", { name: "Send" }).click();
  await expectText(mine.last(), "Here is the map");
  const seen = s.customer.locator("#log .msg.human_crm").last();
  await expectText(seen, "Here is the map");
  await until(() => seen.locator("img.file").evaluate((img) => img.complete && img.naturalWidth),
    (width) => width > 0, "the visitor sees the photo");

  await page.getByRole("button", { name: "Return to AI" }).click();
  await expectText(badge, "AI active");
  await expectVisible(page.getByRole("button", { name: "Take manual control" }));
}

// e. The lead panel shows the answers as labelled fields; the name, an answer, a label and a
// note are saved.
export async function leadPanel(s) {
  const page = s.owner;
  const lead = page.locator(".lead-pane");
  for (const q of QUESTIONS) {
    await expectValue(lead.getByLabel(q.label, { exact: true }), q.value ?? q.answer);
  }
  await expectText(lead.locator(".answer-source"), `They wrote: “${QUESTIONS[0].answer}”`);
  await lead.getByLabel("Name", { exact: true }).fill(CUSTOMER);
  await lead.getByLabel("Name", { exact: true }).locator("xpath=ancestor::form")
    .getByRole("button", { name: "Save" }).click();
  await expectText(page.locator(".conversation-title"), CUSTOMER);  // the conversation's too
  await expectText(page.locator(".conversation-row.open"), CUSTOMER);
  const timeline = lead.getByLabel(QUESTIONS[1].label, { exact: true });
  await timeline.fill("In two months");
  await timeline.locator("xpath=ancestor::form").getByRole("button", { name: "Save" }).click();
  await lead.getByRole("textbox", { name: "New label" }).fill("vip");
  await lead.getByRole("button", { name: "Add", exact: true }).click();
  await expectVisible(lead.getByRole("button", { name: "Remove label vip" }));
  await lead.getByRole("textbox", { name: "New internal note" })
    .fill("Prefers calls in the morning.");
  await lead.getByRole("button", { name: "Add note" }).click();
  await expectText(lead.locator(".notes"), "Prefers calls in the morning.");
  const id = (await page.url()).split("/").pop();
  const summary = await (await page.request.get(
    `${s.base}/api/v1/workspaces/${SLUG}/conversations/${id}`)).json();
  const saved = await (await page.request.get(
    `${s.base}/api/v1/workspaces/${SLUG}/leads/${summary.contact.id}`)).json();
  assert.equal(saved.answers.find((a) => a.label === "Timeline").answer, "In two months");
  assert.deepEqual(saved.labels, ["vip"]);
  assert.equal(saved.name, CUSTOMER);
  // The team takes over again for the pictures (and the phone, next).
  await page.getByRole("button", { name: "Take manual control" }).click();
  await expectText(page.locator(".mode-badge"), /^Manual — AI resumes in \d\d:\d\d$/);
  await s.shots.take(page, "conversation.png");
  await s.shots.take(page, "lead-panel.png", { element: ".lead-pane" });
}

// f. The owner adds a collaborator on the Team screen (a bad email and a short password are
// refused on their fields first). In her own browser she sees the shared inbox but no setup and no
// team controls, replaces the first password with her own, takes over the conversation and
// replies: the owner sees it live. Removed, her next action finds the workspace gone.
export async function team(s) {
  const page = s.owner;
  const badge = page.locator(".mode-badge");
  await page.getByRole("button", { name: "Return to AI" }).click();  // for Bea to take over
  await expectText(badge, "AI active");
  await page.getByRole("link", { name: "Team", exact: true }).click();
  await expectText(page.locator("#team-title"), "Team");
  assert.match(page.url(), /#\/w\/casa-verde\/team$/);
  const members = page.locator(".member");
  await expectCount(members, 1);
  await expectText(members.first(), OWNER_EMAIL);
  await expectText(members.first(), "you");
  await expectCount(page.getByRole("button", { name: /^Remove/ }), 0);  // not the owner

  const email = page.getByLabel("Email", { exact: true });
  const password = page.getByLabel("First password");
  const add = page.getByRole("button", { name: "Add collaborator" });
  await email.fill("bea");
  await password.fill("short");
  await add.click();
  for (const field of [email, password]) {
    await until(() => field.getAttribute("aria-invalid"), (v) => v === "true",
      "the refused field is marked");
  }
  await expectText(page.locator(".field-error").first(), "not an email address");
  await expectText(page.locator(".field-error").nth(1), "at least 10 characters");
  await email.fill(BEA);
  await add.click();
  await expectCount(page.locator(".field-error"), 1);  // the email is fine now
  await password.fill(BEA_PASSWORD);
  await add.click();
  await expectText(page.locator(".notice-line"), `${BEA} was added`);
  await expectCount(page.locator(".field-error"), 0);
  await expectCount(members, 2);
  await expectText(members.nth(1), BEA);
  await expectText(members.nth(1), "Collaborator");
  await expectValue(email, "");
  await s.shots.take(page, "team.png");

  // Back to the conversation, without a reload, to watch Bea's reply arrive.
  await page.getByRole("link", { name: "Inbox" }).click();
  await page.locator(".conversation-row", { hasText: CUSTOMER }).click();
  await expectText(badge, "AI active");
  await page.evaluate(() => { window.stillTheSamePage = true; });

  const context = await s.browser.newContext({ viewport: DESKTOP });
  try {
    const bea = await context.newPage();
    await signIn(bea, s.base, BEA, BEA_PASSWORD);
    assert.match(bea.url(), /#\/w\/casa-verde$/);  // her one workspace
    await expectText(bea.locator(".who"), BEA);
    await expectText(bea.locator(".conversation-row").first(), CUSTOMER);
    await expectCount(bea.getByRole("link", { name: "Setup" }), 0);
    await bea.getByRole("link", { name: "Team", exact: true }).click();
    await expectCount(bea.locator(".member"), 2);
    await expectText(bea.locator(".member", { hasText: BEA }), "you");
    await expectCount(bea.getByRole("button", { name: /Remove/ }), 0);
    await expectCount(bea.getByRole("button", { name: "Add collaborator" }), 0);
    // Her first password came from the owner: she sets her own (a wrong current one first).
    const current = bea.getByLabel("Current password");
    const change = bea.getByRole("button", { name: "Change password" });
    await current.fill("not her password");
    await bea.getByLabel("New password").fill(BEA_OWN_PASSWORD);
    await change.click();
    await until(() => current.getAttribute("aria-invalid"), (v) => v === "true",
      "the wrong current password is marked");
    await expectText(bea.locator(".own-password .field-error"), "the current password is wrong");
    await current.fill(BEA_PASSWORD);
    await change.click();
    await expectText(bea.locator(".own-password .notice-line"), "Your password was changed");
    const elsewhere = await s.browser.newContext();
    try {
      const signIns = await Promise.all([BEA_PASSWORD, BEA_OWN_PASSWORD].map((password) =>
        elsewhere.request.post(`${s.base}/api/v1/auth/login`, { data: { email: BEA, password } })));
      assert.deepEqual(signIns.map((r) => r.status()), [401, 200]);
    } finally {
      await elsewhere.close();
    }
    await bea.goto(`${s.base}/app/#/w/${SLUG}/setup/1`);  // the owner's: back to the inbox
    await until(() => bea.url(), (u) => /#\/w\/casa-verde$/.test(u), "Setup is refused");

    await bea.locator(".conversation-row", { hasText: CUSTOMER }).click();
    await bea.getByRole("button", { name: "Take manual control" }).click();
    await expectText(bea.locator(".mode-badge"), /^Manual — AI resumes in/);
    await expectText(badge, /^Manual — AI resumes in/);  // the owner's, live
    await bea.getByRole("textbox", { name: "Reply" }).fill(BEA_REPLY);
    await bea.getByRole("button", { name: "Send" }).click();
    await expectText(bea.locator(".message.author-human_crm").last(), BEA_REPLY);
    const hers = page.locator(".message.author-human_crm").last();
    await expectText(hers, BEA_REPLY);
    await expectText(hers.locator(".caption"), "Bea (CRM)");
    assert.equal(await page.evaluate(() => window.stillTheSamePage), true, "the page was reloaded");
    await expectText(s.customer.locator("#log .msg.human_crm").last(), BEA_REPLY);

    // The owner removes Bea, after a confirmation in place (usable at phone width too).
    await bea.evaluate(() => { window.stillTheSamePage = true; });
    await page.getByRole("link", { name: "Team", exact: true }).click();
    await page.setViewportSize(PHONE);
    await page.getByRole("button", { name: `Remove ${BEA}` }).click();
    await expectText(page.locator(".member .confirm"), `Remove ${BEA}?`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth),
      "the team is wider than the phone");
    await page.getByRole("button", { name: "Cancel" }).click();
    await expectCount(members, 2);
    await page.getByRole("button", { name: `Remove ${BEA}` }).click();
    await page.getByRole("button", { name: `Yes, remove ${BEA}` }).click();
    await expectText(page.locator(".notice-line"), `${BEA} was removed`);
    await expectCount(members, 1);
    await page.setViewportSize(DESKTOP);

    // Her dashboard's next request (a refresh after a live update, or her opening Team) finds the
    // workspace gone and leaves it, without a reload; the API agrees.
    await bea.evaluate(() => { location.hash = "#/w/casa-verde/team"; });
    await expectText(bea.locator("h1"), "No such workspace");
    assert.equal(await bea.evaluate(() => window.stillTheSamePage), true, "Bea's page reloaded");
    const api = await context.request.get(`${s.base}/api/v1/workspaces/${SLUG}/conversations`);
    assert.equal(api.status(), 404);
    await bea.reload();
    await expectText(bea.locator("h1"), "No such workspace");
    await bea.getByRole("link", { name: "Your workspaces" }).click();
    await expectText(bea.locator(".picker"), "You are not in any workspace yet.");
  } finally {
    await context.close();
  }
  await page.getByRole("link", { name: "Inbox" }).click();
  await expectVisible(page.locator(".list-pane"));
}

// g. At 375 × 740 the inbox and a conversation are usable, one at a time.
export async function phone(s) {
  const page = await s.owner.context().newPage();
  await page.setViewportSize(PHONE);
  await signIn(page, s.base);
  await page.goto(`${s.base}/app/#/w/${SLUG}`);
  const row = page.locator(".conversation-row").first();
  await expectVisible(row);
  await expectHidden(page.locator(".conversation-pane"));
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  assert.equal(await fits(), true, "the inbox is wider than the phone");
  await row.click();
  await expectVisible(page.locator(".conversation-main"));
  await expectHidden(page.locator(".list-pane"));
  await expectVisible(page.getByRole("button", { name: "Return to AI" }));
  await expectText(page.locator(".mode-badge"), /^Manual — AI resumes in/);
  assert.equal(await page.getByRole("textbox", { name: "Reply" }).isEditable(), true);
  assert.equal(await fits(), true, "the conversation is wider than the phone");
  await page.getByRole("button", { name: "Lead", exact: true }).click();
  await expectVisible(page.locator(".lead-pane"));
  await page.getByRole("button", { name: "Lead", exact: true }).click();
  await s.shots.take(page, "phone.png");
  await page.getByRole("button", { name: "← Inbox" }).click();
  await expectVisible(page.locator(".list-pane"));
  await page.close();
}

// A JSON API call from the signed-in `page` (its cookie and CSRF token); resolves with
// {status, body}.
function callApi(page, method, path, body) {
  return page.evaluate(async ({ method, path, body }) => {
    const headers = { "Content-Type": "application/json",
      "X-CSRF-Token": sessionStorage.getItem("fd_csrf") || "" };
    const r = await fetch(`/api/v1${path}`, { method, headers,
      body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: r.status, body: await r.json().catch(() => null) };
  }, { method, path, body });
}

// h. The owner connects WhatsApp to "shop"; a customer sends a photo with a caption there (a
// signed webhook); the conversation shows the photo itself, fetched from the Graph API.
export async function customerPhoto(s) {
  const context = await s.browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  s.shopOwner = page;
  await signIn(page, s.base);
  const connected = await callApi(page, "PUT", "/workspaces/shop/channels/whatsapp", WHATSAPP);
  assert.equal(connected.status, 200, JSON.stringify(connected.body));
  s.graph.addMedia(PHOTO_ID, "image/png", PHOTO);
  const body = readFileSync(join(s.sourceDir, "tests/data/whatsapp/in_image.json"), "utf8")
    .replace(/"timestamp": "\d+"/, `"timestamp": "${Math.floor(Date.now() / 1000)}"`)
    .replace('"image/jpeg"', '"image/png"')
    .replace('"106540352242922"', `"${WHATSAPP.account_id}"`);
  const signature = `sha256=${createHmac("sha256", WHATSAPP.app_secret).update(body)
    .digest("hex")}`;
  const delivered = await fetch(`${s.base}/webhooks/whatsapp`, { method: "POST", body,
    headers: { "Content-Type": "application/json", "X-Hub-Signature-256": signature } });
  assert.equal(delivered.status, 200);
  const list = await until(() => callApi(page, "GET", "/workspaces/shop/conversations"),
    (r) => r.body && r.body.conversations.some((c) => c.channel === "whatsapp"),
    "the WhatsApp conversation is listed");
  s.whatsappConversation = list.body.conversations.find((c) => c.channel === "whatsapp").id;

  await page.goto(`${s.base}/app/#/w/shop/c/${s.whatsappConversation}`);
  const customer = page.locator(".message.author-customer").last();
  await expectText(customer, "This one, in blue");
  const photo = customer.locator(".media-image img");
  await expectVisible(photo);
  await until(() => photo.evaluate((img) => img.complete && img.naturalWidth), (w) => w === 1,
    "the photo is shown");
  assert.match(await customer.locator(".media-image").getAttribute("href"),
    /^\/api\/v1\/workspaces\/shop\/conversations\/\d+\/attachments\/\d+$/);
}

// i. On that WhatsApp conversation the owner takes manual control and replies with a PDF
// attached: the reply shows the document, and the fake Graph API gets the file uploaded once and
// a message sending it by the uploaded id.
export async function attachFile(s) {
  const page = s.shopOwner;
  const quote = Buffer.from("%PDF-1.4 the quote for the blue sofa");
  await page.getByRole("button", { name: "Take manual control" }).click();
  await expectText(page.locator(".mode-badge"), /^Manual/);
  const attach = page.getByRole("button", { name: "Attach", exact: true });
  await until(() => attach.isEnabled(), (v) => v, "Attach is enabled in Manual mode");
  await page.locator(".composer input[type=file]").setInputFiles({ name: "quote.pdf",
    mimeType: "application/pdf", buffer: quote });
  await expectText(page.locator(".file-chip"), "quote.pdf");
  await page.getByRole("textbox", { name: "Reply" }).fill("Here is the quote");
  await page.getByRole("button", { name: "Send" }).click();
  const mine = page.locator(".message.author-human_crm").last();
  await expectText(mine, "Here is the quote");
  await expectText(mine.locator(".media-document"), "quote.pdf");
  await expectHidden(page.locator(".file-chip"));

  const uploads = () => s.graph.posts.filter((p) => p.path.endsWith(`/${WHATSAPP.account_id}/media`));
  const sends = () => s.graph.posts.filter((p) => p.path.endsWith(`/${WHATSAPP.account_id}/messages`) &&
    p.body.includes('"type":"document"'));
  await until(() => sends().length, (n) => n === 1, "the document is sent");
  assert.equal(uploads().length, 1);
  assert.ok(uploads()[0].body.includes(quote), "the upload carries the file");
  assert.equal(uploads()[0].authorization, `Bearer ${WHATSAPP.access_token}`);
  const sent = JSON.parse(sends()[0].body.toString());
  assert.equal(sent.document.filename, "quote.pdf");
  assert.match(sent.document.id, /^\d+$/);
  await until(() => mine.locator(".tick").getAttribute("class"), (c) => /\bsent\b/.test(c),
    "the reply is marked sent");
}
