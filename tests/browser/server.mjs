// `frontdesk serve` on a fresh database in a temporary directory, made through the command line
// as a user would (like tests/e2e/crm_server.cpp): the workspace "shop" (`frontdesk init`) and
// its owner (`frontdesk user add`, the password on stdin). The port is the one the server prints
// on its first line ("frontdesk serving on http://127.0.0.1:PORT"), as it binds port 0. Its
// language model is the fake of fake_model.mjs, its Graph API the fake of fake_graph.mjs.
import { execFileSync, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { startFakeGraph } from "./fake_graph.mjs";
import { startFakeModel } from "./fake_model.mjs";

export const OWNER_EMAIL = "owner@shop.example";
export const OWNER_PASSWORD = "a long enough secret";

const STOP_TIMEOUT_MS = 30_000;
const START_TIMEOUT_MS = 20_000;

export async function startServer(binary) {
  const dir = await mkdtemp(join(tmpdir(), "frontdesk-browser-"));
  const db = join(dir, "fd.db");
  const toml = join(dir, "shop.toml");
  await writeFile(toml,
    'slug = "shop"\n[agent]\ngreeting = "Hi!"\nworkflow = "handoff_to_human"\n');
  const quiet = { stdio: ["pipe", "ignore", "inherit"] };
  execFileSync(binary, ["init", "--db", db, "--config", toml], quiet);
  execFileSync(binary, ["user", "add", "--db", db, "--workspace", "shop", "--email", OWNER_EMAIL,
    "--role", "owner"], { ...quiet, input: `${OWNER_PASSWORD}\n` });

  const model = await startFakeModel();
  const graph = await startFakeGraph();
  const child = spawn(binary, ["serve"], {
    env: { ...process.env, FRONTDESK_DATABASE_PATH: db, FRONTDESK_SERVER_PORT: "0",
      FRONTDESK_LLM_BASE_URL: model.baseUrl, FRONTDESK_LLM_MODEL: "configured-model",
      FRONTDESK_GRAPH_BASE_URL: graph.baseUrl },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = [];
  child.stderr.on("data", (chunk) => log.push(chunk.toString()));
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("frontdesk serve did not start")),
      START_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout });
    lines.once("line", (line) => {
      clearTimeout(timer);
      const match = /serving on http:\/\/[^:]+:(\d+)/.exec(line);
      if (match) resolve(Number(match[1]));
      else reject(new Error(`unexpected first line: ${line}`));
    });
    child.once("exit",
      (code) => reject(new Error(`frontdesk serve exited (${code}): ${log.join("")}`)));
  }).catch(async (error) => {
    await stopChild(child);
    await model.stop();
    await graph.stop();
    throw error;
  });
  child.stdout.resume();  // keep reading what else it prints
  return {
    base: `http://127.0.0.1:${port}`,
    graph,
    log: () => log.join(""),
    async stop() {
      await stopChild(child);
      await model.stop();
      await graph.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// SIGTERM, then SIGKILL if the child has not exited within STOP_TIMEOUT_MS.
async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
