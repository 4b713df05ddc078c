#include "spreadsheet/xlsx_writer.h"

#include <map>

#include "spreadsheet/zip.h"
#include "text/fold.h"

namespace spreadsheet {
namespace {

constexpr std::size_t kMaxSheetNameChars = 31;

constexpr const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
    R"(<Default Extension="xml" ContentType="application/xml"/>)"
    R"(<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>)"
    R"(<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>)"
    R"(<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>)"
    R"(</Types>)";
constexpr const char* kPackageRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>)"
    R"(</Relationships>)";
constexpr const char* kWorkbookRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
    R"(</Relationships>)";
// Style 0: normal; style 1: bold (the header).
constexpr const char* kStyles =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
    R"(<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>)"
    R"(<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>)"
    R"(<fills count="1"><fill><patternFill patternType="none"/></fill></fills>)"
    R"(<borders count="1"><border/></borders>)"
    R"(<cellStyleXfs count="1"><xf/></cellStyleXfs>)"
    R"(<cellXfs count="2"><xf fontId="0"/><xf fontId="1" applyFont="1"/></cellXfs>)"
    R"(</styleSheet>)";

// Whether XML 1.0 may hold code point `cp` (tab, line ends, and from U+0020 on, but U+FFFE,
// U+FFFF and the surrogates).
bool XmlMayHold(char32_t cp) {
  if (cp < 0x20) return cp == '\t' || cp == '\n' || cp == '\r';
  if (cp >= 0xD800 && cp <= 0xDFFF) return false;
  return cp != 0xFFFE && cp != 0xFFFF;
}

// `text` escaped for XML, without malformed UTF-8 or what XML cannot hold, cut at kMaxCellChars
// UTF-16 units (as Excel counts: a character past U+FFFF is two).
std::string Escaped(std::string_view text) {
  std::string out;
  std::size_t units = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = pos;
    const char32_t cp = text::DecodeUtf8(text, pos);
    const bool malformed = cp == text::kInvalidCodePoint && pos - start == 1;
    if (malformed || !XmlMayHold(cp)) continue;
    units += cp > 0xFFFF ? 2 : 1;
    if (units > kMaxCellChars) break;
    switch (cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.append(text.substr(start, pos - start));
    }
  }
  return out;
}

// "A", "B", … "Z", "AA": the letters of a 0-based column.
std::string ColumnName(std::size_t column) {
  std::string name;
  for (std::size_t n = column + 1; n > 0; n = (n - 1) / 26) {
    name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return name;
}

void AppendRow(std::string& out, std::size_t number, const std::vector<std::string>& cells,
               bool bold) {
  out += "<row r=\"" + std::to_string(number) + "\">";
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (cells[i].empty()) continue;
    out += "<c r=\"" + ColumnName(i) + std::to_string(number) + "\" t=\"inlineStr\"" +
           (bold ? " s=\"1\"" : "") + "><is><t xml:space=\"preserve\">" + Escaped(cells[i]) +
           "</t></is></c>";
  }
  out += "</row>";
}

std::string SheetName(std::string_view name) {
  std::string out;
  for (char c : name.substr(0, kMaxSheetNameChars)) {
    out += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : ' ';
  }
  return out.empty() ? "Sheet1" : out;
}

}  // namespace

base::Result<std::string> WriteXlsx(const Table& table, std::string_view sheet_name) {
  std::string sheet =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
      R"(<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" )"
      R"(activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>)";
  AppendRow(sheet, 1, table.header, true);
  for (std::size_t i = 0; i < table.rows.size(); ++i) AppendRow(sheet, i + 2, table.rows[i], false);
  sheet += "</sheetData></worksheet>";
  const std::string workbook =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
      R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
      R"(<sheets><sheet name=")" +
      Escaped(SheetName(sheet_name)) + R"(" sheetId="1" r:id="rId1"/></sheets></workbook>)";
  return ZipParts({{"[Content_Types].xml", kContentTypes},
                   {"_rels/.rels", kPackageRels},
                   {"xl/workbook.xml", workbook},
                   {"xl/_rels/workbook.xml.rels", kWorkbookRels},
                   {"xl/styles.xml", kStyles},
                   {"xl/worksheets/sheet1.xml", std::move(sheet)}});
}

}  // namespace spreadsheet
