// How values of the API read on screen.

export const CHANNELS = {
  whatsapp: "WhatsApp",
  instagram: "Instagram",
  messenger: "Messenger",
  web: "Web",
};

export const FOLDERS = { open: "Open", solved: "Solved", spam: "Spam", archived: "Archived" };

export const PRIORITIES = { normal: "Normal", high: "High", urgent: "Urgent" };

export const REASONS = {
  customer_request: "The customer asked for a person",
  frustration: "The customer seems upset",
  cannot_answer: "The agent could not answer",
  reserved_topic: "A topic the business keeps for people",
  ai_failure: "The agent failed",
  qualified: "The lead answered every question",
};

export function reasonText(reason) {
  return REASONS[reason] || String(reason || "").replaceAll("_", " ");
}

export const DELIVERY = {
  queued: { mark: "○", text: "Queued" },
  sent: { mark: "✓", text: "Sent" },
  delivered: { mark: "✓✓", text: "Delivered" },
  read: { mark: "✓✓", text: "Read" },
  failed: { mark: "!", text: "Not delivered" },
  dropped: { mark: "×", text: "Not sent" },
};

// The caption over a message of someone other than the customer.
export function authorCaption(message) {
  switch (message.author) {
    case "ai": return "AI";
    case "human_crm": return `${personName(message.user)} (CRM)`;
    case "human_app": return "From the app";
    default: return "";
  }
}

// "bea@shop.example" → "Bea".
export function personName(email) {
  if (!email) return "Team";
  const local = String(email).split("@")[0].split(/[._+-]/)[0] || email;
  return local.charAt(0).toUpperCase() + local.slice(1);
}

const sameDay = (a, b) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() &&
  a.getDate() === b.getDate();

// "09:30" today, "12 Nov" this year, "12 Nov 2025" before.
export function shortTime(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  const now = new Date();
  if (sameDay(d, now)) return d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  const opts = { day: "numeric", month: "short" };
  if (d.getFullYear() !== now.getFullYear()) opts.year = "numeric";
  return d.toLocaleDateString([], opts);
}

export function clockTime(iso) {
  return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

export function fullTime(iso) {
  return new Date(iso).toLocaleString();
}

// The date separator: "Today", "Yesterday" or the date.
export function dayLabel(iso) {
  const d = new Date(iso);
  const now = new Date();
  if (sameDay(d, now)) return "Today";
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(d, yesterday)) return "Yesterday";
  return d.toLocaleDateString([], { weekday: "long", day: "numeric", month: "long",
    year: "numeric" });
}

export function dayKey(iso) {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

// Milliseconds left as "mm:ss" ("h:mm:ss" from an hour), never negative.
export function countdown(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const s = total % 60;
  const m = Math.floor(total / 60) % 60;
  const hours = Math.floor(total / 3600);
  const two = (n) => String(n).padStart(2, "0");
  return hours > 0 ? `${hours}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

// The mode badge's text: "AI active", "Manual — AI resumes in 14:59", "Manual — AI paused".
export function modeText(summary, now = Date.now()) {
  if (summary.mode !== "manual") return "AI active";
  if (!summary.resume_at) return "Manual — AI paused";
  return `Manual — AI resumes in ${countdown(Date.parse(summary.resume_at) - now)}`;
}

export function initials(name) {
  const words = String(name || "?").trim().split(/\s+/).filter(Boolean);
  return (words.slice(0, 2).map((w) => w[0]).join("") || "?").toUpperCase();
}

export function contactName(summary) {
  const c = summary.contact || {};
  return c.name || c.external_id || `Conversation ${summary.id}`;
}
