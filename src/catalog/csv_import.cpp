#include "catalog/csv_import.h"

#include <algorithm>
#include <functional>
#include <map>
#include <utility>

#include "base/strings.h"
#include "catalog/csv_reader.h"
#include "catalog/field_rules.h"
#include "catalog/header.h"
#include "catalog/utf8.h"
#include "spreadsheet/xlsx_reader.h"

namespace catalog {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr std::size_t kFirstLine = 1;

// Keeps the kMaxErrors errors of the lowest lines and counts the others, so a huge bad file
// cannot make the list huge.
class ErrorList {
 public:
  void Add(std::size_t line, std::string message) {
    errors_.push_back({line, std::move(message)});
    if (errors_.size() >= 2 * kMaxErrors) Shrink();
  }

  bool empty() const { return errors_.empty(); }

  std::vector<ImportError> Take() && {
    Shrink();
    if (dropped_ > 0) errors_.push_back({kNoLine, "... and " + std::to_string(dropped_) + " more"});
    return std::move(errors_);
  }

 private:
  void Shrink() {
    std::stable_sort(errors_.begin(), errors_.end(),
                     [](const ImportError& a, const ImportError& b) { return a.line < b.line; });
    if (errors_.size() <= kMaxErrors) return;
    dropped_ += errors_.size() - kMaxErrors;
    errors_.erase(errors_.begin() + kMaxErrors, errors_.end());
  }

  std::vector<ImportError> errors_;
  std::size_t dropped_ = 0;
};

// Line ends as the reader counts them: LF, CRLF, or a lone CR.
std::size_t CountLineEnds(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
      ++count;
    }
  }
  return count;
}

// One error per physical line holding bytes that are not UTF-8.
void ReportInvalidUtf8(std::string_view text, ErrorList& errors) {
  std::size_t line = kFirstLine;
  std::size_t counted_to = 0;
  for (std::size_t bad = FindInvalidUtf8(text); bad < text.size();) {
    line += CountLineEnds(text.substr(counted_to, bad - counted_to));
    errors.Add(line, "the text is not valid UTF-8 (save the file as \"CSV UTF-8\")");
    const std::size_t line_end = text.find_first_of("\r\n", bad);
    if (line_end == std::string_view::npos) return;
    counted_to = line_end;
    bad = FindInvalidUtf8(text, line_end);
  }
}

bool IsBlank(const CsvRecord& record) {
  if (record.field_count != record.fields.size()) return false;  // some fields were not kept
  return std::all_of(record.fields.begin(), record.fields.end(),
                     [](const std::string& f) { return base::Trim(f).empty(); });
}

template <typename T>
void Store(base::Result<T> parsed, T& out, std::vector<std::string>& problems) {
  if (parsed.ok()) {
    out = std::move(parsed).value();
  } else {
    problems.push_back(parsed.error().message);
  }
}

// The product of one well-formed row; adds what is wrong with it to `problems`.
core::Product ProductFromRow(const Header& header, const std::vector<std::string>& fields,
                             bool check_name, std::vector<std::string>& problems) {
  core::Product product;
  const std::size_t count = std::min(fields.size(), header.columns.size());
  for (std::size_t i = 0; i < count; ++i) {
    const std::string_view value = base::Trim(fields[i]);
    if (value.empty()) continue;
    const Column& column = header.columns[i];
    switch (column.kind) {
      case ColumnKind::kName:
        product.name = value;
        break;
      case ColumnKind::kSku:
        product.sku = value;
        break;
      case ColumnKind::kPrice:
        Store(ParsePrice(value), product.price, problems);
        break;
      case ColumnKind::kCurrency:
        Store(ParseCurrency(value), product.currency, problems);
        break;
      case ColumnKind::kStock: {
        std::int64_t units = 0;
        Store(ParseStock(value), units, problems);
        product.stock = units;
        break;
      }
      case ColumnKind::kCategory:
        product.category = value;
        break;
      case ColumnKind::kDescription:
        product.description = value;
        break;
      case ColumnKind::kAttribute:
        product.attributes.push_back({column.name, std::string(value)});
        break;
      case ColumnKind::kIgnored:
        break;
    }
  }
  if (check_name && product.name.empty()) problems.insert(problems.begin(), "name is blank");
  return product;
}

ImportResult TooLarge() {
  return {{},
          {{kNoLine, "the file is larger than " +
                         std::to_string(kMaxFileBytes / kBytesPerMegabyte) + " MB"}}};
}

bool HasNameColumn(const Header& header) {
  return std::any_of(header.columns.begin(), header.columns.end(),
                     [](const Column& c) { return c.kind == ColumnKind::kName; });
}

// The rules every catalog table follows, whatever file it came from: the header, then one
// product per row. `next` gives the records one after another; `errors` may already hold the
// file's own problems.
ImportResult ImportRecords(const std::function<bool(CsvRecord&)>& next, ErrorList& errors) {
  CsvRecord record;
  bool has_header = false;
  while (!has_header && next(record)) has_header = !record.error.empty() || !IsBlank(record);
  if (!has_header) {
    errors.Add(kFirstLine,
               "the file is empty; the first row must name the columns, e.g. name,sku,price");
    return {{}, std::move(errors).Take()};
  }
  const std::size_t header_line = record.line;
  const std::size_t header_fields = record.field_count;
  if (!record.error.empty()) errors.Add(header_line, record.error);
  if (header_fields > kMaxColumns) {
    errors.Add(header_line, "the header has " + std::to_string(header_fields) +
                                " columns; at most " + std::to_string(kMaxColumns) +
                                " are allowed");
  }
  const Header header = ParseHeader(record.fields);
  for (const std::string& problem : header.problems) errors.Add(header_line, problem);
  const bool check_name = HasNameColumn(header);

  std::vector<core::Product> products;
  std::map<std::string, std::size_t> sku_lines;
  std::size_t rows = 0;
  while (next(record)) {
    if (record.error.empty() && IsBlank(record)) continue;
    if (++rows > kMaxProducts) {
      errors.Add(record.line, "the file has more than " + std::to_string(kMaxProducts) +
                                  " products; rows from here on were not checked");
      break;
    }
    if (!record.error.empty()) {
      errors.Add(record.line, record.error);
      continue;
    }
    if (record.field_count > header_fields) {
      errors.Add(record.line, "the row has " + std::to_string(record.field_count) +
                                  " fields but the header has " + std::to_string(header_fields) +
                                  " columns");
      continue;
    }
    std::vector<std::string> problems;
    core::Product product = ProductFromRow(header, record.fields, check_name, problems);
    if (!product.sku.empty()) {
      const auto [it, inserted] = sku_lines.emplace(product.sku, record.line);
      if (!inserted) {
        problems.push_back("sku " + QuoteForMessage(product.sku) + " is also used on line " +
                           std::to_string(it->second));
      }
    }
    for (std::string& problem : problems) errors.Add(record.line, std::move(problem));
    if (errors.empty()) products.push_back(std::move(product));
  }
  if (rows == 0 && errors.empty()) {
    errors.Add(header_line, "the file has no products below the header row");
  }
  if (!errors.empty()) return {{}, std::move(errors).Take()};
  return {std::move(products), {}};
}

}  // namespace

ImportResult ImportCsv(std::string_view bytes) {
  if (bytes.size() > kMaxFileBytes) return TooLarge();
  std::string_view text = bytes;
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());

  ErrorList errors;
  ReportInvalidUtf8(text, errors);
  CsvReader reader(text, {kMaxFieldBytes, kMaxColumns});
  return ImportRecords([&](CsvRecord& record) { return reader.Next(record); }, errors);
}

ImportResult ImportXlsx(std::string_view bytes, const std::optional<std::string>& sheet) {
  if (bytes.size() > kMaxFileBytes) return TooLarge();
  // One row past the limit, so that too many products are reported as in a CSV file.
  // A byte more than a cell may hold tells a cell that is too long.
  auto rows =
      spreadsheet::ReadXlsxSheet(bytes, sheet, {kMaxColumns, kMaxProducts + 2, kMaxFieldBytes + 1});
  if (!rows.ok()) return {{}, {{kNoLine, rows.error().message}}};
  ErrorList errors;
  std::size_t at = 0;
  return ImportRecords(
      [&](CsvRecord& record) {
        if (at == rows->size()) return false;
        spreadsheet::SheetRow& row = (*rows)[at++];
        record.line = row.number;
        record.field_count = row.field_count;
        record.fields = std::move(row.fields);
        record.fields.resize(std::min(row.field_count, kMaxColumns));
        record.error.clear();
        for (std::string& field : record.fields) {
          if (field.size() <= kMaxFieldBytes) continue;
          record.error = "a cell is longer than " + std::to_string(kMaxFieldBytes) + " bytes";
          field.clear();  // cut inside a character, perhaps: not kept
        }
        return true;
      },
      errors);
}

ImportResult ImportCatalog(std::string_view bytes, const std::optional<std::string>& sheet) {
  return spreadsheet::LooksLikeXlsx(bytes) ? ImportXlsx(bytes, sheet) : ImportCsv(bytes);
}

std::string Describe(const std::vector<ImportError>& errors) {
  std::string out;
  for (const ImportError& error : errors) {
    if (!out.empty()) out += '\n';
    if (error.line != kNoLine) out += "line " + std::to_string(error.line) + ": ";
    out += error.message;
  }
  return out;
}

}  // namespace catalog
