// Exports open as written: CSV that spreadsheets read without running a formula, and .xlsx
// workbooks that read back cell for cell.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "spreadsheet/csv_writer.h"
#include "spreadsheet/xlsx_reader.h"
#include "spreadsheet/xlsx_writer.h"

namespace spreadsheet {
namespace {

using ::testing::ElementsAre;

const Table kLeads{{"Name", "Email", "Budget"},
                   {{"Ana Lima", "ana@example.com", "2,000 \"USD\""},
                    {"=HYPERLINK(\"http://x\")", "", "line one\nline two"},
                    {"Zoë", "+351 912 345 678", "-5"}}};

TEST(CsvWriterTest, QuotesWhatNeedsItAndNeverWritesAFormula) {
  EXPECT_EQ(WriteCsv(kLeads),
            "\xEF\xBB\xBF"
            "Name,Email,Budget\r\n"
            "Ana Lima,ana@example.com,\"2,000 \"\"USD\"\"\"\r\n"
            "\"'=HYPERLINK(\"\"http://x\"\")\",,\"line one\nline two\"\r\n"
            "Zoë,'+351 912 345 678,'-5\r\n");
}

TEST(XlsxWriterTest, AWorkbookReadsBackCellForCell) {
  auto bytes = WriteXlsx(kLeads, "Leads: June/July");
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  ASSERT_TRUE(LooksLikeXlsx(*bytes));
  auto rows = ReadXlsxSheet(*bytes, "Leads  June July", {10, 10, 100});
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_THAT((*rows)[0].fields, ElementsAre("Name", "Email", "Budget"));
  EXPECT_THAT((*rows)[1].fields, ElementsAre("Ana Lima", "ana@example.com", "2,000 \"USD\""));
  // Text stays text in a workbook: no apostrophe needed, no formula run.
  EXPECT_THAT((*rows)[2].fields, ElementsAre("=HYPERLINK(\"http://x\")", "", "line one\nline two"));
  EXPECT_THAT((*rows)[3].fields, ElementsAre("Zoë", "+351 912 345 678", "-5"));
  EXPECT_EQ((*rows)[3].number, 4u);
}

TEST(XlsxWriterTest, WhatXmlCannotHoldIsDroppedAndLongCellsCut) {
  std::string emoji_run;
  for (int i = 0; i < 20'000; ++i) emoji_run += "\xF0\x9F\x98\x80";  // U+1F600: two UTF-16 units
  Table t{{"a"},
          {{std::string("bell\x07 and nul") + '\0' + "end"},
           {std::string(40'000, 'x')},
           {"bad \xFF\xC3 utf-8, \xEF\xBF\xBE noncharacter, \xEF\xBF\xBD kept"},
           {emoji_run}}};
  auto bytes = WriteXlsx(t, "");
  ASSERT_TRUE(bytes.ok());
  auto rows = ReadXlsxSheet(*bytes, std::nullopt, {10, 10, 200'000});
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  EXPECT_EQ((*rows)[1].fields[0], "bell and nulend");
  EXPECT_EQ((*rows)[2].fields[0].size(), kMaxCellChars);
  EXPECT_EQ((*rows)[3].fields[0], "bad  utf-8,  noncharacter, \xEF\xBF\xBD kept");
  EXPECT_EQ((*rows)[4].fields[0].size(), kMaxCellChars / 2 * 4);  // 16,383 emoji
}

}  // namespace
}  // namespace spreadsheet
