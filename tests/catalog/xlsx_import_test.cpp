// Excel catalogs: the sheet's cells as the owner sees them in Excel, the CSV's rules and
// line-numbered errors (the row's number in Excel), and what is not a workbook refused in words.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "catalog/csv_import.h"
#include "spreadsheet/zip.h"

namespace catalog {
namespace {

// The archive of `parts`, or an empty string (which then fails the test).
std::string Zip(const std::map<std::string, std::string>& parts) {
  auto zipped = spreadsheet::ZipParts(parts);
  return zipped.ok() ? std::move(*zipped) : std::string();
}

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

struct Book {
  std::string sheet_rows;  // <row>…</row> elements of the first sheet
  std::string shared;      // <si>…</si> elements, or empty for no sharedStrings.xml
  std::string formats;     // <numFmt …/> elements
  std::string cell_formats = "<xf numFmtId=\"0\"/>";  // <xf …/> elements, by style index
  std::string workbook_pr;
  std::string second_sheet_rows;  // a sheet named "Archive" when set
};

std::string Bytes(const Book& b) {
  std::map<std::string, std::string> parts;
  const std::string ns = std::string("xmlns=\"") + kMain +
                         "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                         "relationships\"";
  std::string sheets = "<sheet name=\"Products\" sheetId=\"1\" r:id=\"rId1\"/>";
  std::string rels =
      "<Relationship Id=\"rId1\" Type=\"worksheet\" Target=\"worksheets/sheet1.xml\"/>";
  if (!b.second_sheet_rows.empty()) {
    sheets += "<sheet name=\"Archive\" sheetId=\"2\" r:id=\"rId2\"/>";
    rels += "<Relationship Id=\"rId2\" Type=\"worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>";
    parts["xl/worksheets/sheet2.xml"] =
        "<worksheet " + ns + "><sheetData>" + b.second_sheet_rows + "</sheetData></worksheet>";
  }
  parts["[Content_Types].xml"] = "<Types/>";
  parts["xl/workbook.xml"] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook " + ns + ">" +
                             b.workbook_pr + "<sheets>" + sheets + "</sheets></workbook>";
  parts["xl/_rels/workbook.xml.rels"] =
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
      rels + "</Relationships>";
  parts["xl/worksheets/sheet1.xml"] =
      "<worksheet " + ns + "><sheetData>" + b.sheet_rows + "</sheetData></worksheet>";
  if (!b.shared.empty()) parts["xl/sharedStrings.xml"] = "<sst " + ns + ">" + b.shared + "</sst>";
  parts["xl/styles.xml"] = "<styleSheet " + ns + "><numFmts>" + b.formats + "</numFmts><cellXfs>" +
                           b.cell_formats + "</cellXfs></styleSheet>";
  return Zip(parts);
}

std::string S(const char* ref, int shared) {
  return std::string("<c r=\"") + ref + "\" t=\"s\"><v>" + std::to_string(shared) + "</v></c>";
}
std::string N(const char* ref, const char* value, int style = 0) {
  return std::string("<c r=\"") + ref + "\" s=\"" + std::to_string(style) + "\"><v>" + value +
         "</v></c>";
}
std::string Row(int number, const std::string& cells) {
  return "<row r=\"" + std::to_string(number) + "\">" + cells + "</row>";
}

// name, sku, price, currency, stock as shared strings 0-4; a mug and a bowl.
Book ShopBook() {
  Book b;
  b.shared =
      "<si><t>name</t></si><si><t>sku</t></si><si><t>price</t></si><si><t>currency</t></si>"
      "<si><t>stock</t></si><si><r><t>Stoneware </t></r><r><rPr><b/></rPr><t>mug</t></r>"
      "<rPh><t>ignored reading</t></rPh></si><si><t>Bowl</t></si><si><t>USD</t></si>";
  b.cell_formats = "<xf numFmtId=\"0\"/><xf numFmtId=\"2\"/>";
  b.sheet_rows = Row(1, S("A1", 0) + S("B1", 1) + S("C1", 2) + S("D1", 3) + S("E1", 4)) +
                 Row(2, S("A2", 5) + "<c r=\"B2\" t=\"inlineStr\"><is><t>MUG-1</t></is></c>" +
                            N("C2", "14.9", 1) + S("D2", 7) + N("E2", "48")) +
                 Row(4, S("A4", 6) + "<c r=\"B4\" t=\"str\"><f>CONCAT(\"B\",1)</f><v>B1</v></c>" +
                            N("C4", "19.899999999999999") + S("D4", 7) + N("E4", "0"));
  return b;
}

TEST(XlsxImportTest, AWorkbooksFirstSheetBecomesTheCatalog) {
  const ImportResult r = ImportCatalog(Bytes(ShopBook()));
  ASSERT_TRUE(r.errors.empty()) << Describe(r.errors);
  ASSERT_EQ(r.products.size(), 2u);
  EXPECT_EQ(r.products[0].name, "Stoneware mug");  // rich text joined, the reading left out
  EXPECT_EQ(r.products[0].sku, "MUG-1");           // an inline string
  EXPECT_EQ(r.products[0].price, "14.90");         // as 0.00 shows it
  EXPECT_EQ(r.products[0].currency, "USD");
  EXPECT_EQ(r.products[0].stock, 48);
  EXPECT_EQ(r.products[1].name, "Bowl");
  EXPECT_EQ(r.products[1].sku, "B1");      // a formula's cached text
  EXPECT_EQ(r.products[1].price, "19.9");  // General: 15 significant digits
  EXPECT_EQ(r.products[1].stock, 0);
}

TEST(XlsxImportTest, CellsReadAsExcelShowsThem) {
  Book b;
  b.shared =
      "<si><t>name</t></si><si><t>launch</t></si><si><t>discount</t></si>"
      "<si><t>on sale</t></si><si><t>made</t></si><si><t>Lamp</t></si><si><t>weight</t></si>";
  b.formats =
      "<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"
      "<numFmt numFmtId=\"165\" formatCode=\"&quot;$&quot;#,##0.000\"/>"
      "<numFmt numFmtId=\"166\" formatCode=\"[$-409]mmm d, yyyy h:mm\"/>";
  b.cell_formats =
      "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
      "<xf numFmtId=\"9\"/><xf numFmtId=\"165\"/><xf numFmtId=\"166\"/>";
  b.sheet_rows =
      Row(1, S("A1", 0) + S("B1", 1) + S("C1", 2) + S("D1", 3) + S("E1", 4) + S("F1", 6)) +
      Row(2, S("A2", 5) + N("B2", "46082", 1) + N("C2", "0.15", 3) +
                 "<c r=\"D2\" t=\"b\"><v>1</v></c>" + N("E2", "45000.5", 5) + N("F2", "2.5", 4));
  const ImportResult r = ImportCatalog(Bytes(b));
  ASSERT_TRUE(r.errors.empty()) << Describe(r.errors);
  ASSERT_EQ(r.products.size(), 1u);
  std::map<std::string, std::string> attributes;
  for (const auto& a : r.products[0].attributes) attributes[a.name] = a.value;
  EXPECT_EQ(attributes["launch"], "2026-03-01");
  EXPECT_EQ(attributes["discount"], "15%");
  EXPECT_EQ(attributes["on sale"], "TRUE");
  EXPECT_EQ(attributes["made"], "2023-03-15 12:00");  // [$-409]mmm d, yyyy h:mm
  EXPECT_EQ(attributes["weight"], "2.500");           // "$"#,##0.000
}

TEST(XlsxImportTest, DatesOfThe1904SystemAndWithTime) {
  Book b;
  b.workbook_pr = "<workbookPr date1904=\"1\"/>";
  b.shared = "<si><t>name</t></si><si><t>since</t></si><si><t>Lamp</t></si>";
  b.formats = "<numFmt numFmtId=\"166\" formatCode=\"yyyy-mm-dd hh:mm\"/>";
  b.cell_formats = "<xf numFmtId=\"0\"/><xf numFmtId=\"166\"/>";
  b.sheet_rows = Row(1, S("A1", 0) + S("B1", 1)) + Row(2, S("A2", 2) + N("B2", "44620.75", 1));
  const ImportResult r = ImportCatalog(Bytes(b));
  ASSERT_TRUE(r.errors.empty()) << Describe(r.errors);
  EXPECT_EQ(r.products.at(0).attributes.at(0).value, "2026-03-01 18:00");
}

TEST(XlsxImportTest, TimesAndDurationsReadAsExcelShowsThem) {
  Book b;
  b.shared =
      "<si><t>name</t></si><si><t>opens</t></si><si><t>takes</t></si>"
      "<si><t>lap</t></si><si><t>since</t></si><si><t>Tour</t></si>";
  b.formats =
      "<numFmt numFmtId=\"164\" formatCode=\"[h]:mm\"/>"
      "<numFmt numFmtId=\"165\" formatCode=\"h:mm\"/>";
  b.cell_formats =
      "<xf numFmtId=\"0\"/><xf numFmtId=\"165\"/><xf numFmtId=\"164\"/>"
      "<xf numFmtId=\"21\"/><xf numFmtId=\"14\"/>";
  b.sheet_rows = Row(1, S("A1", 0) + S("B1", 1) + S("C1", 2) + S("D1", 3) + S("E1", 4)) +
                 Row(2, S("A2", 5) + N("B2", "0.375", 1) + N("C2", "1.5", 2) +
                            N("D2", "0.00059027777", 3) + N("E2", "59", 4));
  const ImportResult r = ImportCatalog(Bytes(b));
  ASSERT_TRUE(r.errors.empty()) << Describe(r.errors);
  std::map<std::string, std::string> shown;
  for (const auto& a : r.products.at(0).attributes) shown[a.name] = a.value;
  EXPECT_EQ(shown["opens"], "09:00");       // h:mm
  EXPECT_EQ(shown["takes"], "36:00");       // [h]:mm: a day and a half
  EXPECT_EQ(shown["lap"], "00:00:51");      // h:mm:ss
  EXPECT_EQ(shown["since"], "1900-02-28");  // before Excel's 29 February 1900
}

TEST(XlsxImportTest, ErrorsNameTheRowAsExcelNumbersIt) {
  Book b = ShopBook();
  b.shared += "<si><t>abc</t></si>";  // 8
  b.sheet_rows += Row(7, S("A7", 6) + S("C7", 8)) + Row(9, S("D9", 7));
  const ImportResult r = ImportCatalog(Bytes(b));
  EXPECT_TRUE(r.products.empty());
  EXPECT_EQ(Describe(r.errors),
            "line 7: price 'abc' is not a number (write it like 19.90 or 1200)\n"
            "line 9: name is blank");
}

TEST(XlsxImportTest, TheSheetNamedIsRead) {
  Book b = ShopBook();
  b.second_sheet_rows = Row(1, S("A1", 0)) + Row(2, S("A2", 6));
  const ImportResult archive = ImportCatalog(Bytes(b), "Archive");
  ASSERT_TRUE(archive.errors.empty()) << Describe(archive.errors);
  ASSERT_EQ(archive.products.size(), 1u);
  EXPECT_EQ(archive.products[0].name, "Bowl");

  const ImportResult missing = ImportCatalog(Bytes(b), "Prices");
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_EQ(missing.errors[0].line, kNoLine);
  EXPECT_EQ(missing.errors[0].message,
            "the workbook has no sheet named 'Prices'; its sheets: Products, Archive");
}

TEST(XlsxImportTest, PrefixedNamesAndCellsWithoutReferencesAreRead) {
  const std::string sheet =
      "<x:worksheet xmlns:x=\"" + std::string(kMain) +
      "\"><x:sheetData><x:row><x:c t=\"inlineStr\"><x:is><x:t>name</x:t></x:is></x:c>"
      "<x:c t=\"inlineStr\"><x:is><x:t>price</x:t></x:is></x:c></x:row>"
      "<x:row><x:c t=\"inlineStr\"><x:is><x:t>Vase</x:t></x:is></x:c><x:c><x:v>30</x:v></x:c>"
      "</x:row></x:sheetData></x:worksheet>";
  const std::string bytes =
      Zip({{"xl/workbook.xml",
            "<workbook xmlns:r=\"r\"><sheets><sheet name=\"S\" r:id=\"a\"/></sheets></workbook>"},
           {"xl/_rels/workbook.xml.rels",
            "<Relationships><Relationship Id=\"a\" Target=\"worksheets/s.xml\"/></Relationships>"},
           {"xl/worksheets/s.xml", sheet}});
  const ImportResult r = ImportCatalog(bytes);
  ASSERT_TRUE(r.errors.empty()) << Describe(r.errors);
  ASSERT_EQ(r.products.size(), 1u);
  EXPECT_EQ(r.products[0].name, "Vase");
  EXPECT_EQ(r.products[0].price, "30");
}

TEST(XlsxImportTest, WhatIsNotAWorkbookIsRefusedInWords) {
  const auto message = [](const std::string& bytes) {
    const ImportResult r = ImportXlsx(bytes, std::nullopt);
    EXPECT_TRUE(r.products.empty());
    return r.errors.size() == 1 ? r.errors[0].message : Describe(r.errors);
  };
  EXPECT_THAT(message("PK\x03\x04 not really"), HasSubstr("cannot be read as a zip archive"));
  EXPECT_THAT(message(Zip({{"word/document.xml", "<w/>"}})),
              HasSubstr("it has no xl/workbook.xml"));
  EXPECT_THAT(message(Zip({{"xl/workbook.xml", "<workbook><sheets>"}})),
              HasSubstr("xl/workbook.xml is not well-formed XML"));
  EXPECT_THAT(message(Zip({{"xl/workbook.xml",
                            "<workbook><sheets><sheet name=\"A\" id=\"x\"/></sheets>"
                            "</workbook>"},
                           {"xl/_rels/workbook.xml.rels", "<Relationships/>"}})),
              HasSubstr("the sheet's part is not listed"));
  // A CSV upload is still a CSV upload.
  EXPECT_EQ(ImportCatalog("name\nMug\n").products.size(), 1u);
}

TEST(XlsxImportTest, AnEntityThatExpandsWithoutEndIsRefused) {
  std::string bomb = "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\">";
  for (int i = 1; i < 10; ++i) {
    const std::string prev = "&" + std::string(1, static_cast<char>('a' + i - 1)) + ";";
    std::string body;
    for (int j = 0; j < 10; ++j) body += prev;
    bomb += "<!ENTITY " + std::string(1, static_cast<char>('a' + i)) + " \"" + body + "\">";
  }
  bomb += "]><workbook><sheets><sheet name=\"&j;\"/></sheets></workbook>";
  const ImportResult r = ImportXlsx(Zip({{"xl/workbook.xml", bomb}}), {});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_THAT(r.errors[0].message,
              HasSubstr("xl/workbook.xml: it declares a DTD, which a workbook never does"));
}

TEST(XlsxImportTest, ASmallWorkbookThatInflatesToGigabytesIsRefusedNotHeld) {
  // One long shared string, in every cell of a wide sheet: each cell keeps at most a cell's worth,
  // and the sheet at most its budget.
  Book b;
  b.shared = "<si><t>name</t></si><si><t>" + std::string(100'000, 'x') + "</t></si>";
  std::string cells;
  for (int c = 0; c < 100; ++c) cells += "<c t=\"s\"><v>1</v></c>";
  b.sheet_rows = Row(1, S("A1", 0));
  for (int r = 0; r < 3000; ++r) b.sheet_rows += "<row>" + cells + "</row>";
  const ImportResult r = ImportCatalog(Bytes(b));
  ASSERT_EQ(r.errors.size(), 1u) << Describe(r.errors);
  EXPECT_THAT(r.errors[0].message, HasSubstr("its cells hold more than 64 MB of text"));
}

TEST(XlsxImportTest, AFormatCodeBeyondExcelsLimitsShowsTheNumberAsGeneral) {
  Book b;
  b.shared = "<si><t>name</t></si><si><t>weight</t></si><si><t>Lamp</t></si>";
  b.formats = "<numFmt numFmtId=\"164\" formatCode=\"0." + std::string(1000, '0') +
              "\"/><numFmt numFmtId=\"165\" formatCode=\"0.00\"/>";
  b.cell_formats = "<xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>";
  b.sheet_rows = Row(1, S("A1", 0) + S("B1", 1)) + Row(2, S("A2", 2) + N("B2", "1.5", 1)) +
                 Row(3, S("A3", 2) + N("B3", "1e300", 2));
  const ImportResult r = ImportCatalog(Bytes(b));
  ASSERT_TRUE(r.errors.empty()) << Describe(r.errors);
  EXPECT_EQ(r.products[0].attributes.at(0).value, "1.5");
  EXPECT_EQ(r.products[1].attributes.at(0).value, "1e+300");  // no 300 digits
}

TEST(XlsxImportTest, TheCsvLimitsHold) {
  Book b;
  b.shared = "<si><t>name</t></si><si><t>Mug</t></si>";
  std::string header;
  for (std::size_t i = 0; i <= kMaxColumns; ++i) {
    header += "<c t=\"inlineStr\"><is><t>c" + std::to_string(i) + "</t></is></c>";
  }
  b.sheet_rows = Row(1, header) + Row(2, S("A2", 1));
  const ImportResult wide = ImportCatalog(Bytes(b));
  EXPECT_THAT(Describe(wide.errors), HasSubstr("line 1: the header has 101 columns"));

  Book tall;
  tall.shared = "<si><t>name</t></si><si><t>Mug</t></si>";
  tall.sheet_rows = Row(1, S("A1", 0));
  for (std::size_t i = 0; i <= kMaxProducts; ++i) {
    tall.sheet_rows += "<row><c t=\"s\"><v>1</v></c></row>";
  }
  const ImportResult r = ImportCatalog(Bytes(tall));
  EXPECT_THAT(Describe(r.errors), HasSubstr("line 10002: the file has more than 10000 products"));

  Book long_cell;
  long_cell.sheet_rows =
      Row(1, "<c t=\"inlineStr\"><is><t>name</t></is></c>") +
      Row(2, "<c t=\"inlineStr\"><is><t>" + std::string(kMaxFieldBytes + 1, 'x') + "</t></is></c>");
  EXPECT_THAT(Describe(ImportCatalog(Bytes(long_cell)).errors),
              HasSubstr("line 2: a cell is longer than 8192 bytes"));
}

}  // namespace
}  // namespace catalog
