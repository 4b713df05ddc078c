// The workspace's live updates: one EventSource on /api/v1/workspaces/{ws}/events, its events
// (message, conversation, delivery, notification, media) handed to whoever listens. Browsers reconnect
// by themselves after a dropped connection; when the server refuses the stream (EventSource then
// gives up) this reconnects with a growing delay. Once the stream opens, and after any
// reconnection, listeners of "resync" reload what they show, since events may have been missed.

const TYPES = ["message", "conversation", "delivery", "notification", "media"];
const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30000;

export class Live {
  constructor(slug) {
    this.url = `/api/v1/workspaces/${encodeURIComponent(slug)}/events`;
    this.listeners = new Map();  // type → Set of functions
    this.source = null;
    this.delay = FIRST_DELAY_MS;
    this.timer = null;
    // Until the stream first opens, what the views load may miss an event sent meanwhile (a
    // file downloaded, a reply sent): the first open asks them to reload, as a reconnection does.
    this.lost = true;
    this.stopped = false;
  }

  // Listens to `type` (an event type, "resync" or "status"); returns the function that stops.
  on(type, fn) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type).add(fn);
    return () => this.listeners.get(type).delete(fn);
  }

  emit(type, data) {
    for (const fn of this.listeners.get(type) || []) {
      try { fn(data); } catch (e) { console.error(e); }
    }
  }

  start() {
    this.stopped = false;
    const source = new EventSource(this.url, { withCredentials: true });
    this.source = source;
    for (const type of TYPES) {
      source.addEventListener(type, (e) => {
        let data;
        try { data = JSON.parse(e.data); } catch { return; }
        this.emit(type, data);
      });
    }
    source.addEventListener("open", () => {
      this.delay = FIRST_DELAY_MS;
      this.emit("status", "live");
      if (this.lost) this.emit("resync");
      this.lost = false;
    });
    source.addEventListener("error", () => {
      this.lost = true;
      this.emit("status", "reconnecting");
      if (source.readyState === EventSource.CLOSED && !this.stopped) {
        this.timer = setTimeout(() => this.start(), this.delay);
        this.delay = Math.min(this.delay * 2, MAX_DELAY_MS);
      }
    });
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.source) this.source.close();
    this.source = null;
  }
}
