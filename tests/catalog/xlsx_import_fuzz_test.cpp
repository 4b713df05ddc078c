// Robustness of ImportXlsx against damaged workbooks: a valid workbook's XML parts mutated byte by
// byte (what a fuzzer of the zip's bytes rarely reaches past the checksums), from a fixed seed so
// a failure reproduces. Every result keeps the contract of csv_import.h.
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <random>
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

constexpr std::uint32_t kSeed = 20261207;
constexpr int kMutatedWorkbooks = 1500;
constexpr int kMaxMutations = 6;

const std::map<std::string, std::string>& ValidParts() {
  static const std::map<std::string, std::string> parts = {
      {"xl/workbook.xml",
       "<workbook xmlns:r=\"r\"><workbookPr date1904=\"0\"/><sheets><sheet name=\"P\" "
       "r:id=\"a\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships><Relationship Id=\"a\" Target=\"worksheets/s.xml\"/></Relationships>"},
      {"xl/sharedStrings.xml",
       "<sst><si><t>name</t></si><si><t>price</t></si><si><r><t>Mu</t></r><r><t>g</t></r>"
       "<rPh><t>x</t></rPh></si></sst>"},
      {"xl/styles.xml",
       "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"[$-409]d/m/yy;@\"/>"
       "</numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"4\"/>"
       "</cellXfs></styleSheet>"},
      {"xl/worksheets/s.xml",
       "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" "
       "t=\"s\"><v>1</v></c><c r=\"C1\" t=\"inlineStr\"><is><t>since</t></is></c></row>"
       "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\" s=\"2\"><v>1299.5</v></c>"
       "<c r=\"C2\" s=\"1\"><v>45000</v></c></row></sheetData></worksheet>"}};
  return parts;
}

std::string Mutate(std::string text, std::mt19937& rng) {
  constexpr std::string_view kInteresting = "<>/\"=&;rcvtsi0123456789AZ -.\xC3\xA9\xFF";
  std::uniform_int_distribution<int> mutations(1, kMaxMutations);
  std::uniform_int_distribution<int> kind(0, 2);
  std::uniform_int_distribution<std::size_t> pick(0, kInteresting.size() - 1);
  for (int m = mutations(rng); m > 0; --m) {
    std::uniform_int_distribution<std::size_t> at(0, text.size());
    const std::size_t i = at(rng);
    switch (kind(rng)) {
      case 0:
        text.insert(i, 1, kInteresting[pick(rng)]);
        break;
      case 1:
        if (i < text.size()) text.erase(i, 1);
        break;
      default:
        if (i < text.size()) text[i] = kInteresting[pick(rng)];
        break;
    }
  }
  return text;
}

TEST(XlsxImportFuzzTest, DamagedWorkbooksKeepTheContract) {
  {
    const ImportResult valid = ImportXlsx(Zip(ValidParts()), {});
    ASSERT_TRUE(valid.errors.empty()) << Describe(valid.errors);
    ASSERT_EQ(valid.products.size(), 1u);
    EXPECT_EQ(valid.products[0].price, "1299.50");
  }
  std::mt19937 rng(kSeed);
  std::uniform_int_distribution<std::size_t> part(0, ValidParts().size() - 1);
  int accepted = 0;
  for (int i = 0; i < kMutatedWorkbooks; ++i) {
    std::map<std::string, std::string> parts = ValidParts();
    auto it = parts.begin();
    std::advance(it, static_cast<std::ptrdiff_t>(part(rng)));
    it->second = Mutate(it->second, rng);
    const ImportResult r = ImportXlsx(Zip(parts), {});
    ASSERT_TRUE(r.products.empty() || r.errors.empty()) << "workbook " << i;
    ASSERT_LE(r.products.size(), kMaxProducts);
    ASSERT_LE(r.errors.size(), kMaxErrors + 1);
    for (const ImportError& e : r.errors) ASSERT_FALSE(e.message.empty());
    accepted += r.errors.empty() ? 1 : 0;
  }
  // Many mutations leave a workbook that still reads: the rules past the XML are exercised too.
  EXPECT_GT(accepted, kMutatedWorkbooks / 50);
}

}  // namespace
}  // namespace catalog
