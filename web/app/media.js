// What a customer sent, in the conversation: photos and stickers inline (click to open them
// whole), voice notes and other audio with a player, videos with a player, documents as a link
// with their name and size. While a file is being fetched, or when it will not be, a short
// placeholder says so ("photo not available: too large").
import * as api from "./api.js";
import { h } from "./dom.js";

const NOUNS = { image: "photo", sticker: "sticker", audio: "voice note", video: "video",
  document: "document" };
const WHY = { failed: "it could not be fetched", too_large: "too large",
  refused_type: "this type of file is not kept" };

// "1.2 MB", "340 KB", "12 bytes".
export function sizeText(bytes) {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

// The URL of a stored file of conversation `conversationId`.
export function mediaUrl(slug, conversationId, media) {
  return api.href(api.ws(slug, `/conversations/${conversationId}/attachments/${media.id}`));
}

// The element showing one file of a message.
export function mediaView(slug, conversationId, media) {
  const noun = NOUNS[media.kind] || "file";
  if (media.state === "pending") {
    return h("span", { class: "media media-placeholder", text: `Fetching the ${noun}…` });
  }
  if (media.state !== "stored") {
    return h("span", { class: "media media-placeholder",
      text: `${noun[0].toUpperCase()}${noun.slice(1)} not available: ${WHY[media.state] || media.state}` });
  }
  const url = mediaUrl(slug, conversationId, media);
  switch (media.kind) {
    case "image":
    case "sticker":
      return h("a", { class: "media media-image", href: url, target: "_blank", rel: "noopener",
        title: `Open the ${noun}` },
      h("img", { src: url, alt: `The customer's ${noun}`, loading: "lazy" }));
    case "audio":
      return h("audio", { class: "media media-audio", controls: true, preload: "metadata",
        src: url, "aria-label": `The customer's ${noun}` });
    case "video":
      return h("video", { class: "media media-video", controls: true, preload: "metadata",
        src: url, "aria-label": `The customer's ${noun}` });
    default:
      return h("a", { class: "media media-document", href: url, download: media.name || true },
        `${media.name || "Document"} (${sizeText(media.size)})`);
  }
}
