// Catalog import: turns an uploaded CSV file or Excel workbook into the products of a
// workspace's catalog.
//
// The file is UTF-8 (a leading byte order mark is dropped) in RFC 4180 form (see csv_reader.h for
// what else is accepted). The first non-blank row is the header; column names are trimmed and the
// known ones match case-insensitively:
//   name         required; blank in a row is an error
//   sku          optional; two rows with the same non-blank sku are an error
//   price        a non-negative decimal ("19.90", "1200"), stored as written; blank = unknown
//   currency     three letters, stored upper-cased; blank allowed
//   stock        a non-negative whole number; blank = unknown
//   category, description
// Every other named column becomes a core::ProductAttribute (header name, trimmed) in column
// order; blank values are skipped. Columns with a blank header name are ignored. Values are
// trimmed of spaces, tabs and line ends. A row with fewer fields than the header has the rest
// blank; more is an error. Rows whose fields are all blank are skipped.
//
// A bad file is rejected whole: ImportCsv never returns products together with errors. It never
// throws and never asserts, whatever the bytes. Thread-safe (no shared state).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/product.h"

namespace catalog {

constexpr std::size_t kBytesPerMegabyte = 1024 * 1024;
constexpr std::size_t kMaxFileBytes = 5 * kBytesPerMegabyte;
constexpr std::size_t kMaxProducts = 10'000;
constexpr std::size_t kMaxFieldBytes = 8 * 1024;  // one value, or one header name
constexpr std::size_t kMaxColumns = 100;
constexpr std::size_t kMaxErrors = 50;  // reported; the rest are summed up in one last entry

// ImportError::line of a problem that concerns the whole file (size) or the summary entry.
constexpr std::size_t kNoLine = 0;

struct ImportError {
  std::size_t line;     // 1-based physical line where the record starts (the byte, for invalid
                        // UTF-8), or kNoLine
  std::string message;  // for people; always valid UTF-8, quotes at most a short part of a value
  bool operator==(const ImportError&) const = default;
};

struct ImportResult {
  std::vector<core::Product> products;  // in file order; empty when errors is not
  std::vector<ImportError> errors;      // by line; empty when the file was accepted
};

// Parses a whole catalog file. On success, errors is empty and products holds 1 to kMaxProducts
// products. Otherwise products is empty and errors lists every problem by line, at most
// kMaxErrors of them followed, when there were more, by a kNoLine entry "... and N more".
// Problems: the file is larger than kMaxFileBytes (reported alone); invalid UTF-8 (per line); no
// header row; no `name` column, a repeated column name, more than kMaxColumns columns (header
// line); an unterminated quoted field, text after a closing quote, a field longer than
// kMaxFieldBytes, too many fields, a blank name, a bad price, currency or stock, a repeated sku
// (the message names the first line); more than kMaxProducts products (rows past the limit are
// not checked); a header with no product rows.
ImportResult ImportCsv(std::string_view bytes);

// Parses the sheet named `sheet` (or the first) of an Excel workbook by the same rules, each
// row's number as its line, the cells as Excel shows them (spreadsheet/xlsx_reader.h). A file that
// is not a workbook, or has no such sheet, is one kNoLine error saying so.
ImportResult ImportXlsx(std::string_view bytes, const std::optional<std::string>& sheet);

// ImportXlsx when the bytes are a zip archive (LooksLikeXlsx), else ImportCsv.
ImportResult ImportCatalog(std::string_view bytes, const std::optional<std::string>& sheet = {});

// One line per error, "line 4: price 'abc' is not a number" (the message alone for kNoLine),
// joined by "\n" without a trailing one.
std::string Describe(const std::vector<ImportError>& errors);

}  // namespace catalog
