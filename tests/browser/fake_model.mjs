// A fake OpenAI-compatible model on a free loopback port, for Test connection in the wizard: its
// first answer refuses the key (a 401 as OpenAI words it), every later one calls `respond` with
// REPLY, as the model "fake-model".
import { createServer } from "node:http";

export const REPLY = "We rent furnished flats in Lisbon, for a month or more.";

const BAD_KEY = { error: { message: "Incorrect API key provided: sk-abc***wxyz.",
  type: "invalid_request_error", param: null, code: "invalid_api_key" } };

function respond() {
  const turn = { reply: REPLY, language: "en", asked: true, answered: true, handoff: null,
    answer: null, cited_products: [] };
  return { id: "chatcmpl-fake", object: "chat.completion", model: "fake-model",
    choices: [{ index: 0, finish_reason: "tool_calls", message: { role: "assistant",
      content: null, tool_calls: [{ id: "call_1", type: "function",
        function: { name: "respond", arguments: JSON.stringify(turn) } }] } }] };
}

// Resolves with {baseUrl, stop()}.
export async function startFakeModel() {
  let calls = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      calls += 1;
      const [status, body] = calls === 1 ? [401, BAD_KEY] : [200, respond()];
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${server.address().port}/v1`,
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}
