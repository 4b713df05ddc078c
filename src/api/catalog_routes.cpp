#include "api/catalog_routes.h"

#include <charconv>

#include "api/access.h"
#include "api/json_api.h"
#include "catalog/product_query.h"
#include "http/multipart.h"
#include "http/parameters.h"

namespace api {
namespace {

using nlohmann::json;

constexpr std::string_view kFileField = "file";

json ProductJson(const core::Product& p) {
  json attributes = json::object();
  for (const core::ProductAttribute& a : p.attributes) attributes[a.name] = a.value;
  return {{"name", p.name},
          {"sku", p.sku},
          {"price", p.price},
          {"currency", p.currency},
          {"stock", p.stock ? json(*p.stock) : json(nullptr)},
          {"category", p.category},
          {"description", p.description},
          {"attributes", std::move(attributes)}};
}

json IndexingJson(const runtime::Indexing& indexing) {
  return {{"state", runtime::ToString(indexing.state)}, {"version", indexing.version}};
}

// The query parameter `name` as a count from `min` to `max`; `fallback` when absent.
base::Result<std::size_t> CountParam(const http::Request& r, std::string_view name,
                                     std::size_t fallback, std::size_t min, std::size_t max) {
  const auto text = r.Query(name);
  if (!text) return fallback;
  std::size_t n = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (text->empty() || ec != std::errc() || end != text->data() + text->size() || n < min ||
      n > max) {
    return base::Error::InvalidArgument(std::string(name) + " must be a whole number from " +
                                        std::to_string(min) + " to " + std::to_string(max));
  }
  return n;
}

http::Response List(Auth& auth, core::Store& store, core::Users& users,
                    runtime::AgentBuilder& builder, const http::Request& r) {
  auto access = Authorize(auth, store, users, r, Need::kMember);
  if (!access.ok()) return ErrorResponse(access.error());
  auto offset = CountParam(r, "offset", 0, 0, catalog::kMaxProducts);
  if (!offset.ok()) return ErrorResponse(offset.error());
  auto limit = CountParam(r, "limit", kDefaultProductPage, 1, kMaxProductPage);
  if (!limit.ok()) return ErrorResponse(limit.error());
  auto loaded = store.LoadCatalog(access->workspace.id);
  if (!loaded.ok()) return ErrorResponse(loaded.error());
  auto indexing = builder.StateOf(access->workspace.id, loaded->products.size());
  if (!indexing.ok()) return ErrorResponse(indexing.error());
  const catalog::ProductQuery query(r.Query("q").value_or(""));
  json page = json::array();
  std::size_t total = 0;
  for (const core::Product& p : loaded->products) {
    if (!query.Matches(p)) continue;
    if (total >= *offset && total < *offset + *limit) page.push_back(ProductJson(p));
    ++total;
  }
  return JsonResponse(200, {{"version", loaded->version},
                            {"total", total},
                            {"products", std::move(page)},
                            {"indexing", IndexingJson(*indexing)}});
}

constexpr std::string_view kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// The uploaded file: the "file" field of a form, or a text/csv or .xlsx body.
base::Result<std::string_view> UploadedFile(const http::Request& r,
                                            std::vector<http::FormPart>& parts) {
  const std::string content_type = r.Header("Content-Type").value_or("");
  const auto type = http::ParseParameterized(content_type);
  if (type && (type->value == "text/csv" || type->value == kXlsxType)) {
    return std::string_view(r.body);
  }
  if (type && type->value == "multipart/form-data") {
    auto parsed = http::ParseFormData(content_type, r.body);
    if (!parsed.ok()) return parsed.error();
    parts = std::move(*parsed);
    const http::FormPart* file = http::FindPart(parts, kFileField);
    if (file == nullptr) {
      return base::Error::InvalidArgument("the form has no \"file\" field with the catalog");
    }
    return file->body;
  }
  return base::Error::InvalidArgument(
      "send the catalog as multipart/form-data (the field \"file\"), or as a text/csv or .xlsx "
      "body");
}

http::Response Upload(Auth& auth, core::Store& store, core::Users& users,
                      runtime::AgentBuilder& builder, const http::Request& r) {
  auto access = Authorize(auth, store, users, r, Need::kOwner);
  if (!access.ok()) return ErrorResponse(access.error());
  std::vector<http::FormPart> parts;
  auto file = UploadedFile(r, parts);
  if (!file.ok()) return ErrorResponse(file.error());
  // An Excel workbook's sheet: ?sheet=, else its first.
  const catalog::ImportResult imported = catalog::ImportCatalog(*file, r.Query("sheet"));
  if (!imported.errors.empty()) {
    json body = ErrorBody(base::Error::InvalidArgument(
        "the catalog file was not imported: " + std::to_string(imported.errors.size()) +
        " problem(s) by line; nothing changed"));
    json& lines = body["error"]["lines"] = json::array();
    for (const catalog::ImportError& e : imported.errors) {
      lines.push_back({{"line", e.line == catalog::kNoLine ? json(nullptr) : json(e.line)},
                       {"message", e.message}});
    }
    return JsonResponse(400, body);
  }
  const std::int64_t workspace_id = access->workspace.id;
  auto version = store.ReplaceCatalog(workspace_id, imported.products);
  if (!version.ok()) return ErrorResponse(version.error());
  builder.Request(workspace_id);
  auto indexing = builder.StateOf(workspace_id, imported.products.size());
  if (!indexing.ok()) return ErrorResponse(indexing.error());
  return JsonResponse(200, {{"version", *version},
                            {"total", imported.products.size()},
                            {"indexing", IndexingJson(*indexing)}});
}

http::Response Clear(Auth& auth, core::Store& store, core::Users& users,
                     runtime::AgentBuilder& builder, const http::Request& r) {
  auto access = Authorize(auth, store, users, r, Need::kOwner);
  if (!access.ok()) return ErrorResponse(access.error());
  const std::int64_t workspace_id = access->workspace.id;
  auto version = store.ClearCatalog(workspace_id);
  if (!version.ok()) return ErrorResponse(version.error());
  builder.Request(workspace_id);
  auto indexing = builder.StateOf(workspace_id, 0);
  if (!indexing.ok()) return ErrorResponse(indexing.error());
  return JsonResponse(200,
                      {{"version", *version}, {"total", 0}, {"indexing", IndexingJson(*indexing)}});
}

}  // namespace

void AddCatalogRoutes(http::Router& router, Auth& auth, core::Store& store, core::Users& users,
                      runtime::AgentBuilder& builder) {
  constexpr std::string_view kCatalog = "/api/v1/workspaces/{workspace}/catalog";
  router.Get(kCatalog,
             [&](const http::Request& r) { return List(auth, store, users, builder, r); });
  router.Post(
      kCatalog, [&](const http::Request& r) { return Upload(auth, store, users, builder, r); },
      http::RouteOptions{kMaxCatalogUploadBytes});
  router.Delete(kCatalog,
                [&](const http::Request& r) { return Clear(auth, store, users, builder, r); });
}

}  // namespace api
