// Robustness of ImportCsv against arbitrary bytes: random strings and mutations of a valid file,
// from a fixed seed so a failure reproduces. Every result must keep the contract of csv_import.h.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "base/strings.h"
#include "catalog/csv_import.h"
#include "catalog/field_rules.h"
#include "catalog/utf8.h"

namespace catalog {
namespace {

constexpr std::uint32_t kSeed = 20240601;
constexpr int kRandomInputs = 2000;
constexpr int kMutatedInputs = 2000;
constexpr std::size_t kMaxRandomLength = 300;
constexpr int kMaxMutations = 8;

constexpr std::string_view kValidFile =
    "\xEF\xBB\xBFname,sku,price,currency,stock,category,description,Color,talla\r\n"
    "\"Mug, large\",M-1,19.90,usd,3,Kitchen,\"Holds \"\"500\"\" ml\nDishwasher safe\",Red,G\r\n"
    "Cojín,C-2,1200,brl,0,Textiles,Almofada de linho,Azul,\r\n"
    "\r\n"
    "Plate,,,,,,,,\r\n";

// Bytes that matter to the parser come up often; any byte can come up.
char RandomByte(std::mt19937& rng) {
  constexpr std::string_view kInteresting = ",\"\r\n \t\xEF\xBB\xBF\xC3\xA9\xFF\x80-.0123456789aZ";
  std::uniform_int_distribution<int> coin(0, 3);
  if (coin(rng) != 0) {
    std::uniform_int_distribution<std::size_t> pick(0, kInteresting.size() - 1);
    return kInteresting[pick(rng)];
  }
  std::uniform_int_distribution<int> any(0, 255);
  return static_cast<char>(any(rng));
}

std::string RandomBytes(std::mt19937& rng) {
  std::uniform_int_distribution<std::size_t> length(0, kMaxRandomLength);
  std::string s(length(rng), '\0');
  for (char& c : s) c = RandomByte(rng);
  // Half of them get a header, so the row rules are reached too.
  if (std::bernoulli_distribution(0.5)(rng)) s = "name,price,stock,currency,sku,x\n" + s;
  return s;
}

std::string Mutate(std::mt19937& rng) {
  std::string s(kValidFile);
  std::uniform_int_distribution<int> count(1, kMaxMutations);
  std::uniform_int_distribution<int> kind(0, 3);
  for (int n = count(rng); n > 0; --n) {
    std::uniform_int_distribution<std::size_t> at(0, s.size());
    const std::size_t pos = at(rng);
    switch (kind(rng)) {
      case 0:  // insert
        s.insert(s.begin() + static_cast<std::ptrdiff_t>(pos), RandomByte(rng));
        break;
      case 1:  // delete
        if (pos < s.size()) s.erase(pos, 1);
        break;
      case 2:  // replace
        if (pos < s.size()) s[pos] = RandomByte(rng);
        break;
      default:  // duplicate a chunk
        s.insert(pos, s.substr(at(rng) % (s.size() + 1), 16));
        break;
    }
  }
  return s;
}

std::size_t CountLines(std::string_view s) {
  std::size_t lines = 1;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == s.size() || s[i + 1] != '\n'))) ++lines;
  }
  return lines;
}

void CheckContract(std::string_view input, const ImportResult& result) {
  SCOPED_TRACE(::testing::PrintToString(std::string(input)));
  ASSERT_NE(result.products.empty(), result.errors.empty()) << "products xor errors";
  ASSERT_LE(result.errors.size(), kMaxErrors + 1);
  const std::size_t lines = CountLines(input);
  for (std::size_t i = 0; i < result.errors.size(); ++i) {
    const ImportError& e = result.errors[i];
    EXPECT_FALSE(e.message.empty());
    EXPECT_TRUE(IsValidUtf8(e.message)) << e.message;
    EXPECT_LE(e.line, lines) << e.message;
    if (i > 0 && e.line != kNoLine) {
      EXPECT_LE(result.errors[i - 1].line, e.line);
    }
  }
  (void)Describe(result.errors);
  EXPECT_TRUE(IsValidUtf8(input) || !result.errors.empty());
  for (const core::Product& p : result.products) {
    EXPECT_FALSE(base::Trim(p.name).empty());
    EXPECT_TRUE(p.price.empty() || ParsePrice(p.price).ok()) << p.price;
    EXPECT_TRUE(p.currency.empty() || ParseCurrency(p.currency).ok()) << p.currency;
    EXPECT_TRUE(!p.stock || *p.stock >= 0);
    for (const auto& a : p.attributes) {
      EXPECT_FALSE(a.name.empty());
      EXPECT_FALSE(a.value.empty());
    }
  }
}

// A one-product file holding exactly `p`, every field quoted.
std::string Write(const core::Product& p) {
  const auto quote = [](std::string_view v) {
    std::string out = "\"";
    for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  std::string header = "name,sku,price,currency,stock,category,description";
  std::string row = quote(p.name) + "," + quote(p.sku) + "," + quote(p.price) + "," +
                    quote(p.currency) + "," + (p.stock ? std::to_string(*p.stock) : "") + "," +
                    quote(p.category) + "," + quote(p.description);
  for (const auto& a : p.attributes) {
    header += "," + quote(a.name);
    row += "," + quote(a.value);
  }
  return header + "\n" + row + "\n";
}

TEST(CsvImportFuzzTest, RandomBytesKeepTheContract) {
  std::mt19937 rng(kSeed);
  for (int i = 0; i < kRandomInputs; ++i) {
    const std::string input = RandomBytes(rng);
    CheckContract(input, ImportCsv(input));
  }
}

TEST(CsvImportFuzzTest, MutatedFilesKeepTheContractAndRoundTrip) {
  std::mt19937 rng(kSeed);
  int accepted = 0;
  for (int i = 0; i < kMutatedInputs; ++i) {
    const std::string input = Mutate(rng);
    const ImportResult result = ImportCsv(input);
    CheckContract(input, result);
    accepted += result.errors.empty() ? 1 : 0;
    for (const core::Product& p : result.products) {
      const ImportResult again = ImportCsv(Write(p));
      ASSERT_EQ(again.products.size(), 1u) << Describe(again.errors);
      EXPECT_EQ(again.products[0], p);
    }
  }
  // Mutations must leave some files valid, or the round trip above tests nothing.
  EXPECT_GT(accepted, kMutatedInputs / 20);
}

TEST(CsvImportFuzzTest, ValidSeedFileImports) {
  const ImportResult result = ImportCsv(kValidFile);
  ASSERT_TRUE(result.errors.empty()) << Describe(result.errors);
  ASSERT_EQ(result.products.size(), 3u);
  EXPECT_EQ(result.products[0].description, "Holds \"500\" ml\nDishwasher safe");
  EXPECT_EQ(result.products[1].currency, "BRL");
}

}  // namespace
}  // namespace catalog
