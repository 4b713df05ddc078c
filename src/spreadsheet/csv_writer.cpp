#include "spreadsheet/csv_writer.h"

namespace spreadsheet {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

void AppendCell(std::string& out, const std::string& cell) {
  std::string text = cell;
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
    text.insert(0, 1, '\'');
  }
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void AppendRow(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    AppendCell(out, cells[i]);
  }
  out += "\r\n";
}

}  // namespace

std::string WriteCsv(const Table& table) {
  std::string out(kByteOrderMark);
  AppendRow(out, table.header);
  for (const auto& row : table.rows) AppendRow(out, row);
  return out;
}

}  // namespace spreadsheet
