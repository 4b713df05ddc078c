// A fake Graph API on a free loopback port: it serves the media added with addMedia (GET
// /{version}/{id} describes one, its url /files/{id} gives the bytes, to a request with a Bearer
// token) and records every POST (message sends, media uploads) with its raw body, answering sends
// with a fresh wamid and uploads with a fresh media id.
import { createServer } from "node:http";

// Resolves with {baseUrl, addMedia(id, mimeType, bytes), posts, stop()}.
export async function startFakeGraph() {
  const media = new Map();  // id → {mimeType, bytes}
  const posts = [];         // {path, contentType, authorization, body (Buffer)}
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const path = new URL(req.url, "http://x").pathname;
      const json = (status, body) => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (req.method === "POST") {
        posts.push({ path, contentType: req.headers["content-type"] || "",
          authorization: req.headers.authorization || "", body: Buffer.concat(chunks) });
        if (path.endsWith("/media")) return json(200, { id: `${9000 + posts.length}` });
        return json(200, { messaging_product: "whatsapp",
          messages: [{ id: `wamid.sent${posts.length}` }] });
      }
      const id = path.slice(path.lastIndexOf("/") + 1);
      const found = media.get(id);
      if (!found) return json(404, { error: { message: "unknown", code: 100 } });
      if (!(req.headers.authorization || "").startsWith("Bearer ")) return json(401, {});
      if (path.startsWith("/files/")) {
        res.writeHead(200, { "Content-Type": found.mimeType });
        return res.end(found.bytes);
      }
      return json(200, { messaging_product: "whatsapp", url: `${baseUrl}/files/${id}`,
        mime_type: found.mimeType, file_size: found.bytes.length, id });
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  return {
    baseUrl,
    posts,
    addMedia(id, mimeType, bytes) { media.set(id, { mimeType, bytes }); },
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}
