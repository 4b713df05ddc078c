// A table as an Excel workbook (.xlsx) of one sheet: every cell text (inline strings, so nothing
// is reinterpreted as a number or a date), the header row bold and frozen. Malformed UTF-8 and
// what XML cannot hold (controls other than tab and line ends, U+FFFE, U+FFFF) are dropped; a
// cell longer than Excel's 32,767 UTF-16 units is cut there. Read back by xlsx_reader.h.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "spreadsheet/table.h"

namespace spreadsheet {

// Excel's limit on one cell's characters, in UTF-16 units.
inline constexpr std::size_t kMaxCellChars = 32'767;

// `sheet_name`: at most 31 characters, none of []:*?/\ (replaced by a space). kInternal only when
// the archive cannot be written.
base::Result<std::string> WriteXlsx(const Table& table, std::string_view sheet_name);

}  // namespace spreadsheet
