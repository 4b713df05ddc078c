// Reads one sheet of an Excel workbook (.xlsx: Office Open XML, a zip of XML parts) into rows of
// text, each cell as the owner sees it in Excel: shared and inline strings as written, numbers
// with the decimals their format shows ("45.00" for 0.00, "19.9" for General), dates as
// YYYY-MM-DD (either date system), percentages with their sign, TRUE/FALSE. Formulas give their
// cached value. The zip is read with libzip and the XML with expat.
//
// Bounded whatever the bytes: a part larger than kMaxPartBytes once inflated, more than
// max_columns columns or max_rows rows are refused or cut as Limits says; never throws.
// Thread-safe (no shared state).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace spreadsheet {

// The most one part of the workbook (a sheet, the shared strings) may inflate to.
inline constexpr std::size_t kMaxPartBytes = 64 * 1024 * 1024;

// True when `bytes` start like a zip archive (as every .xlsx does).
bool LooksLikeXlsx(std::string_view bytes);

struct SheetRow {
  std::size_t number = 0;           // the row's number in Excel (1-based)
  std::vector<std::string> fields;  // column A first; cells past max_columns are counted only
  std::size_t field_count = 0;      // the columns up to the last one with a value
};

struct XlsxLimits {
  std::size_t max_columns;     // cells of a row kept (the rest counted in field_count)
  std::size_t max_rows;        // rows read; the sheet's rows past it are not
  std::size_t max_cell_bytes;  // a longer cell is cut
};

// The rows of the sheet named `sheet` (or of the first sheet), in order; rows with no cell are
// left out. kInvalidArgument, in words for the owner, when the bytes are not a workbook, a part
// is missing or malformed or too large, or no sheet has that name (the message lists them).
base::Result<std::vector<SheetRow>> ReadXlsxSheet(std::string_view bytes,
                                                  const std::optional<std::string>& sheet,
                                                  const XlsxLimits& limits);

}  // namespace spreadsheet
