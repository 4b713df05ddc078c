// Fuzz target: Excel workbooks. Whatever the bytes, the reader answers rows within its limits or
// an error in words; it never reads outside the input or grows without bound.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "spreadsheet/xlsx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  constexpr spreadsheet::XlsxLimits kLimits{8, 64, 256};
  auto rows = spreadsheet::ReadXlsxSheet(bytes, std::nullopt, kLimits);
  if (!rows.ok()) {
    if (rows.error().message.empty()) std::abort();
    return 0;
  }
  if (rows->size() > kLimits.max_rows) std::abort();
  for (const spreadsheet::SheetRow& row : *rows) {
    if (row.fields.size() > kLimits.max_columns || row.field_count < row.fields.size()) {
      std::abort();
    }
    for (const auto& field : row.fields) {
      if (field.size() > kLimits.max_cell_bytes) std::abort();
    }
  }
  return 0;
}
