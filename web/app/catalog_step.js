// Wizard step 4, the product catalog: upload a CSV (with the upload's progress), watch search
// preparation until ready, search the products, clear the catalog. Live at once: not a draft.
import * as api from "./api.js";
import { h, fill, debounce, uid } from "./dom.js";

const SHOWN = 20;
const POLL_MS = 1000;

const STATES = {
  ready: "Search ready",
  indexing: "Preparing search…",
  empty: "No catalog",
};

export class CatalogStep {
  constructor(ctx) {
    this.ctx = ctx;
    this.path = api.ws(ctx.slug, "/catalog");
    this.q = "";
    this.poller = null;
    this.status = h("p", { class: "catalog-status", role: "status" });
    this.error = h("div", { class: "error", role: "alert" });
    const fileId = uid();
    this.file = h("input", { type: "file", id: fileId, accept: ".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
    this.uploadButton = h("button", { type: "submit", class: "primary", text: "Upload" });
    this.progress = h("progress", { max: 100, value: 0, hidden: true,
      "aria-label": "Upload progress" });
    this.progressText = h("span", { class: "hint" });
    this.clearButton = h("button", { type: "button", class: "danger", text: "Clear catalog",
      onclick: () => this.clear() });
    this.table = h("tbody");
    this.shown = h("p", { class: "hint" });
    const search = h("input", { type: "search", placeholder: "Name, SKU, category…",
      "aria-label": "Search products",
      oninput: debounce((e) => { this.q = e.target.value.trim(); this.load(); }, 300) });
    this.el = h("div", { class: "step-form catalog" },
      h("p", { class: "hint", text: "A CSV file or an Excel workbook (.xlsx, its first sheet) " +
        "with a header row. Column name is required; " +
        "sku, price, currency, stock, category and description are known; every other column " +
        "becomes a product attribute (size, colour…). An upload replaces the whole catalog, and " +
        "the live agent uses it at once." }),
      h("form", { class: "upload", onsubmit: (e) => { e.preventDefault(); this.upload(); } },
        h("label", { for: fileId, text: "Catalog file (CSV or Excel)" }),
        h("div", { class: "row" }, this.file, this.uploadButton),
        h("div", { class: "row" }, this.progress, this.progressText)),
      this.error, this.status,
      h("div", { class: "row spread" }, search, this.clearButton),
      h("table", { class: "products" },
        h("thead", null, h("tr", null, ["Name", "SKU", "Price", "Stock", "Category"].map((c) =>
          h("th", { scope: "col", text: c })))), this.table),
      this.shown);
    this.load();
  }

  async load() {
    clearTimeout(this.poller);
    try {
      const page = await api.get(`${this.path}${api.query({ q: this.q, limit: SHOWN })}`);
      this.render(page);
      if (page.indexing && page.indexing.state === "indexing") {
        this.poller = setTimeout(() => this.load(), POLL_MS);
      }
    } catch (err) {
      this.status.textContent = `The catalog could not be loaded. ${api.errorText(err)}`;
    }
  }

  render(page) {
    const state = (page.indexing && page.indexing.state) || "empty";
    this.status.dataset.state = state;
    fill(this.status, page.version ? `Version ${page.version} · ` : "",
      h("strong", { text: this.q ? `${page.total} matching products` : `${page.total} products` }),
      ` · ${STATES[state] || state}`);
    this.clearButton.disabled = !this.q && page.total === 0;
    fill(this.table, page.products.map((p) => h("tr", null,
      h("td", { text: p.name }), h("td", { text: p.sku || "" }),
      h("td", { text: p.price ? `${p.price} ${p.currency || ""}`.trim() : "" }),
      h("td", { text: p.stock === null || p.stock === undefined ? "" : String(p.stock) }),
      h("td", { text: p.category || "" }))));
    this.shown.textContent = page.products.length < page.total
      ? `Showing ${page.products.length} of ${page.total}. Search to find the others.` : "";
  }

  async upload() {
    const file = this.file.files[0];
    fill(this.error);
    if (!file) {
      this.error.textContent = "Choose a CSV file first.";
      return;
    }
    this.uploadButton.disabled = true;
    this.progress.hidden = false;
    const show = (sent, total) => {
      const percent = total ? Math.round((sent / total) * 100) : 0;
      this.progress.value = percent;
      this.progressText.textContent = `Uploading ${file.name}: ${percent}%`;
    };
    show(0, file.size);
    try {
      const done = await api.upload(this.path, file, show);
      this.progressText.textContent = `Uploaded ${file.name}: ${done.total} products.`;
      this.file.value = "";
      this.load();
    } catch (err) {
      this.progress.hidden = true;
      this.progressText.textContent = "";
      const lines = err instanceof api.ApiError ? err.lines : [];
      fill(this.error, h("p", { text: `The catalog was not changed. ${api.errorText(err)}` }),
        lines.length
          ? h("ul", null, lines.map((l) => h("li", { text: `Line ${l.line}: ${l.message}` })))
          : null);
    }
    this.uploadButton.disabled = false;
  }

  async clear() {
    const question = "Remove every product? The live agent stops using the catalog at once.";
    if (!window.confirm(question)) return;
    fill(this.error);
    try {
      await api.del(this.path);
      this.progressText.textContent = "";
      this.progress.hidden = true;
      this.load();
    } catch (err) {
      this.error.textContent = api.errorText(err);
    }
  }

  destroy() {
    clearTimeout(this.poller);
  }
}
