#include "catalog/csv_import.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "catalog/utf8.h"

namespace catalog {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

std::vector<std::size_t> Lines(const std::vector<ImportError>& errors) {
  std::vector<std::size_t> lines;
  for (const ImportError& e : errors) lines.push_back(e.line);
  return lines;
}

// The products of a file that must import cleanly.
std::vector<core::Product> Accept(std::string_view csv) {
  ImportResult result = ImportCsv(csv);
  EXPECT_THAT(result.errors, IsEmpty()) << Describe(result.errors);
  return result.products;
}

// The errors of a file that must be rejected.
std::vector<ImportError> Reject(std::string_view csv) {
  ImportResult result = ImportCsv(csv);
  EXPECT_THAT(result.products, IsEmpty());
  EXPECT_THAT(result.errors, Not(IsEmpty()));
  return result.errors;
}

core::Product Named(std::string name) {
  core::Product product;
  product.name = std::move(name);
  return product;
}

std::string Rows(std::size_t count) {
  std::string csv = "name,sku\n";
  for (std::size_t i = 0; i < count; ++i) {
    csv += "p" + std::to_string(i) + ",s" + std::to_string(i) + "\n";
  }
  return csv;
}

TEST(CsvImportTest, NameOnlyFileGivesProducts) {
  const auto products = Accept("name\nMug\nPlate\n");
  ASSERT_THAT(products, SizeIs(2));
  EXPECT_EQ(products[0], Named("Mug"));
  EXPECT_EQ(products[1].name, "Plate");
}

TEST(CsvImportTest, KnownColumnsFillTheirFields) {
  const auto products = Accept(
      "name,sku,price,currency,stock,category,description\n"
      "Linen throw,LT-1,49.90,usd,12,Textiles,Soft throw blanket\n");
  ASSERT_THAT(products, SizeIs(1));
  core::Product expected = Named("Linen throw");
  expected.sku = "LT-1";
  expected.price = "49.90";
  expected.currency = "USD";
  expected.stock = 12;
  expected.category = "Textiles";
  expected.description = "Soft throw blanket";
  EXPECT_EQ(products[0], expected);
}

TEST(CsvImportTest, Utf8ByteOrderMarkIsDropped) {
  const auto products = Accept("\xEF\xBB\xBFname,price\nMug,3\n");
  ASSERT_THAT(products, SizeIs(1));
  EXPECT_EQ(products[0].name, "Mug");
  EXPECT_THAT(products[0].attributes, IsEmpty());
}

TEST(CsvImportTest, MultibyteUtf8IsKept) {
  const auto products = Accept("name,descrição\nCanción 🎵,pão de açúcar\n");
  ASSERT_THAT(products, SizeIs(1));
  EXPECT_EQ(products[0].name, "Canción 🎵");
  EXPECT_THAT(products[0].attributes,
              ElementsAre(core::ProductAttribute{"descrição", "pão de açúcar"}));
}

TEST(CsvImportTest, InvalidUtf8IsRejectedWithItsLine) {
  // Latin-1 "é" on line 3 and a lone continuation byte on line 5.
  const auto errors = Reject("name\nMug\nCaf\xE9\nPlate\n\x80 bowl\n");
  ASSERT_THAT(Lines(errors), ElementsAre(3, 5));
  EXPECT_THAT(errors[0].message, HasSubstr("UTF-8"));
}

TEST(CsvImportTest, InvalidUtf8LineCountsQuotedNewlines) {
  const auto errors = Reject("name,description\nMug,\"two\nlines\"\nCaf\xE9,x\n");
  ASSERT_THAT(Lines(errors), ElementsAre(4));
}

TEST(CsvImportTest, QuotedFieldKeepsCommaAndNewline) {
  const auto products =
      Accept("name,description\n\"Mug, large\",\"Holds 500 ml.\nDishwasher safe\"\n");
  ASSERT_THAT(products, SizeIs(1));
  EXPECT_EQ(products[0].name, "Mug, large");
  EXPECT_EQ(products[0].description, "Holds 500 ml.\nDishwasher safe");
}

TEST(CsvImportTest, DoubledQuoteInQuotedFieldIsOneQuote) {
  const auto products = Accept("name\n\"The \"\"Big\"\" mug\"\n");
  ASSERT_THAT(products, SizeIs(1));
  EXPECT_EQ(products[0].name, "The \"Big\" mug");
}

TEST(CsvImportTest, CrlfLfAndCrLineEndsGiveTheSameProducts) {
  const auto lf = Accept("name,description\nMug,\"a\nb\"\nPlate,c\n");
  EXPECT_EQ(Accept("name,description\r\nMug,\"a\r\nb\"\r\nPlate,c\r\n"), lf);
  EXPECT_EQ(Accept("name,description\rMug,\"a\rb\"\rPlate,c\r"), lf);
  ASSERT_THAT(lf, SizeIs(2));
  EXPECT_EQ(lf[0].description, "a\nb");
}

TEST(CsvImportTest, FinalNewlineIsOptional) {
  EXPECT_EQ(Accept("name,price\nMug,3"), Accept("name,price\nMug,3\n"));
  EXPECT_THAT(Accept("name,price\nMug,3"), SizeIs(1));
}

TEST(CsvImportTest, EmptyFileNeedsAHeaderRow) {
  ASSERT_THAT(Lines(Reject("")), ElementsAre(1));
  ASSERT_THAT(Lines(Reject("\xEF\xBB\xBF")), ElementsAre(1));
  const auto errors = Reject("\n  \n,,\n");
  ASSERT_THAT(Lines(errors), ElementsAre(1));
  EXPECT_THAT(errors[0].message, HasSubstr("empty"));
}

TEST(CsvImportTest, HeaderWithoutProductsIsRejected) {
  const auto errors = Reject("name,price\n\n");
  ASSERT_THAT(Lines(errors), ElementsAre(1));
  EXPECT_THAT(errors[0].message, HasSubstr("no products"));
}

TEST(CsvImportTest, HeaderNamesAreTrimmedAndMatchedCaseInsensitively) {
  const auto products = Accept(
      " NAME ,\tPrice,Currency , STOCK,SKU,Category,DESCRIPTION\nMug,3,eur,4,m1,Kitchen,Nice\n");
  ASSERT_THAT(products, SizeIs(1));
  EXPECT_EQ(products[0].name, "Mug");
  EXPECT_EQ(products[0].price, "3");
  EXPECT_EQ(products[0].currency, "EUR");
  EXPECT_EQ(products[0].stock, 4);
  EXPECT_EQ(products[0].sku, "m1");
  EXPECT_EQ(products[0].category, "Kitchen");
  EXPECT_EQ(products[0].description, "Nice");
  EXPECT_THAT(products[0].attributes, IsEmpty());
}

TEST(CsvImportTest, QuotedHeaderNamesWork) {
  const auto products = Accept("\"name\",\"size, cm\"\nMug,10\n");
  ASSERT_THAT(products, SizeIs(1));
  EXPECT_THAT(products[0].attributes, ElementsAre(core::ProductAttribute{"size, cm", "10"}));
}

TEST(CsvImportTest, MissingNameColumnIsAnErrorOnLine1) {
  const auto errors = Reject("title,price\nMug,3\n");
  ASSERT_THAT(Lines(errors), ElementsAre(1));
  EXPECT_THAT(errors[0].message, HasSubstr("'name'"));
}

TEST(CsvImportTest, HeaderErrorsUseTheHeaderLineAfterLeadingBlankLines) {
  ASSERT_THAT(Lines(Reject("\n\ntitle\nMug\n")), ElementsAre(3));
}

TEST(CsvImportTest, BlankNameIsAnErrorForThatLine) {
  const auto errors = Reject("name,price\nMug,3\n  ,4\nPlate,5\n");
  ASSERT_THAT(Lines(errors), ElementsAre(3));
  EXPECT_EQ(errors[0].message, "name is blank");
}

TEST(CsvImportTest, PriceIsANonNegativeDecimalStoredAsWritten) {
  const auto products = Accept("name,price\na,19.90\nb,1200\nc, 7.5 \nd,\ne,0\nf,007.00\n");
  std::vector<std::string> prices;
  for (const auto& p : products) prices.push_back(p.price);
  EXPECT_THAT(prices, ElementsAre("19.90", "1200", "7.5", "", "0", "007.00"));
}

TEST(CsvImportTest, MalformedPricesAreErrors) {
  const auto errors = Reject("name,price\na,abc\nb,1,50\nc,-3\nd,1.\ne,.5\nf,1.2.3\ng,$4\nh,1e3\n");
  ASSERT_THAT(Lines(errors), ElementsAre(2, 3, 4, 5, 6, 7, 8, 9));
  EXPECT_EQ(Describe({errors[0]}),
            "line 2: price 'abc' is not a number (write it like 19.90 or 1200)");
  EXPECT_THAT(errors[1].message, HasSubstr("fields"));  // "1,50" unquoted is two fields
  EXPECT_EQ(errors[2].message, "price '-3' is negative");
}

TEST(CsvImportTest, CurrencyIsAThreeLetterCodeUpperCased) {
  const auto products = Accept("name,currency\na,brl\nb, Eur \nc,\n");
  ASSERT_THAT(products, SizeIs(3));
  EXPECT_EQ(products[0].currency, "BRL");
  EXPECT_EQ(products[1].currency, "EUR");
  EXPECT_EQ(products[2].currency, "");
  const auto errors = Reject("name,currency\na,US\nb,US$\nc,dollar\nd,€\n");
  ASSERT_THAT(Lines(errors), ElementsAre(2, 3, 4, 5));
  EXPECT_THAT(errors[0].message, HasSubstr("currency 'US'"));
}

TEST(CsvImportTest, StockIsANonNegativeWholeNumberOrUnknown) {
  const auto products = Accept("name,stock\na,0\nb,25\nc,\nd, 3 \n");
  ASSERT_THAT(products, SizeIs(4));
  EXPECT_EQ(products[0].stock, 0);
  EXPECT_EQ(products[1].stock, 25);
  EXPECT_EQ(products[2].stock, std::nullopt);
  EXPECT_EQ(products[3].stock, 3);
  const auto errors = Reject("name,stock\na,2.5\nb,-1\nc,ten\nd,99999999999999999999\ne,+4\n");
  ASSERT_THAT(Lines(errors), ElementsAre(2, 3, 4, 5, 6));
  EXPECT_EQ(errors[0].message, "stock '2.5' is not a whole number");
  EXPECT_EQ(errors[1].message, "stock '-1' is negative");
  EXPECT_THAT(errors[3].message, HasSubstr("too large"));
}

TEST(CsvImportTest, OtherColumnsBecomeAttributesInColumnOrder) {
  const auto products = Accept(" Color ,name,Size,material\nRed,Mug,, Stoneware \n");
  ASSERT_THAT(products, SizeIs(1));
  EXPECT_THAT(products[0].attributes, ElementsAre(core::ProductAttribute{"Color", "Red"},
                                                  core::ProductAttribute{"material", "Stoneware"}));
}

TEST(CsvImportTest, ColumnWithBlankNameIsIgnored) {
  const auto products = Accept("name,,color,\nMug,x,Red,y\n");
  ASSERT_THAT(products, SizeIs(1));
  EXPECT_THAT(products[0].attributes, ElementsAre(core::ProductAttribute{"color", "Red"}));
}

TEST(CsvImportTest, RepeatedHeaderNameIsAnError) {
  const auto errors = Reject("name,Color,price,color,NAME\nMug,Red,3,Blue,x\n");
  ASSERT_THAT(Lines(errors), ElementsAre(1, 1));
  EXPECT_THAT(errors[0].message, HasSubstr("'color' appears more than once (columns 2 and 4)"));
  EXPECT_THAT(errors[1].message, HasSubstr("'NAME'"));
}

TEST(CsvImportTest, RowWithMoreFieldsThanTheHeaderIsAnError) {
  const auto errors = Reject("name,price\nMug,3\nPlate,4,extra\n");
  ASSERT_THAT(Lines(errors), ElementsAre(3));
  EXPECT_EQ(errors[0].message, "the row has 3 fields but the header has 2 columns");
}

TEST(CsvImportTest, RowWithFewerFieldsHasTheRestBlank) {
  const auto products = Accept("name,price,stock,color\nMug,3\nPlate\n");
  ASSERT_THAT(products, SizeIs(2));
  EXPECT_EQ(products[0].price, "3");
  EXPECT_EQ(products[0].stock, std::nullopt);
  EXPECT_THAT(products[0].attributes, IsEmpty());
  EXPECT_EQ(products[1], Named("Plate"));
}

TEST(CsvImportTest, BlankLinesAreSkipped) {
  const auto products = Accept("\n\nname,price\n\nMug,3\n   \n,\n\r\nPlate,4\n\n");
  ASSERT_THAT(products, SizeIs(2));
  EXPECT_EQ(products[1].name, "Plate");
}

TEST(CsvImportTest, LineNumbersCountSkippedAndQuotedLines) {
  const auto errors = Reject("name,description\n\nMug,\"a\nb\"\n\nPlate,\"c\",x\n");
  ASSERT_THAT(Lines(errors), ElementsAre(6));
}

TEST(CsvImportTest, RepeatedSkuNamesBothLines) {
  const auto errors = Reject("name,sku\nMug,M-1\nPlate,P-1\nBig mug, M-1\nBowl,\nCup,\n");
  ASSERT_THAT(Lines(errors), ElementsAre(4));
  EXPECT_EQ(Describe(errors), "line 4: sku 'M-1' is also used on line 2");
}

TEST(CsvImportTest, UnterminatedQuoteIsAnError) {
  const auto errors = Reject("name,description\nMug,ok\nPlate,\"never closed\nBowl,x\n");
  ASSERT_THAT(Lines(errors), ElementsAre(3));
  EXPECT_THAT(errors[0].message, HasSubstr("never closed"));
}

TEST(CsvImportTest, UnterminatedQuoteInHeaderIsAnError) {
  ASSERT_THAT(Lines(Reject("name,\"price\n")), ElementsAre(1));
}

TEST(CsvImportTest, TextAfterClosingQuoteIsAnError) {
  const auto errors = Reject("name\n\"Mug\"gy\nPlate\n");
  ASSERT_THAT(Lines(errors), ElementsAre(2));
  EXPECT_THAT(errors[0].message, HasSubstr("after its closing quote"));
}

TEST(CsvImportTest, SpacesAroundAQuotedFieldAreAllowed) {
  const auto products = Accept("name,description\nMug,  \"a, b\"  \n");
  ASSERT_THAT(products, SizeIs(1));
  EXPECT_EQ(products[0].description, "a, b");
}

TEST(CsvImportTest, QuoteInsideAnUnquotedFieldIsKept) {
  const auto products = Accept("name\n12\" pizza pan\n");
  ASSERT_THAT(products, SizeIs(1));
  EXPECT_EQ(products[0].name, "12\" pizza pan");
}

TEST(CsvImportTest, BadRowRejectsTheWholeFile) {
  const auto result = ImportCsv("name,price\nMug,3\nPlate,x\nBowl,5\n");
  EXPECT_THAT(result.products, IsEmpty());
  ASSERT_THAT(Lines(result.errors), ElementsAre(3));
}

TEST(CsvImportTest, EveryProblemIsListedByLine) {
  const auto errors = Reject("name,price,stock\n,x,-1\nMug,3,4\nPla\xFF,4\nBowl,5,6,7\n");
  ASSERT_THAT(Lines(errors), ElementsAre(2, 2, 2, 4, 5));
  EXPECT_EQ(errors[0].message, "name is blank");
}

TEST(CsvImportTest, ErrorsAreCappedWithASummary) {
  std::string csv = "name,price\n";
  for (std::size_t i = 0; i < kMaxErrors + 10; ++i) csv += "p,bad\n";
  const auto errors = Reject(csv);
  ASSERT_THAT(errors, SizeIs(kMaxErrors + 1));
  EXPECT_EQ(errors[0].line, 2u);
  EXPECT_EQ(errors[kMaxErrors - 1].line, kMaxErrors + 1);
  EXPECT_EQ(errors.back(), (ImportError{kNoLine, "... and 10 more"}));
}

TEST(CsvImportTest, ErrorCapKeepsTheFirstLinesWhateverTheirKind) {
  // Invalid UTF-8 is found before the rows are read, on the last lines; the earliest lines win.
  std::string csv = "name,price\n";
  for (std::size_t i = 0; i < kMaxErrors; ++i) csv += "p,bad\n";
  for (std::size_t i = 0; i < kMaxErrors * 3; ++i) csv += "\xFF\n";
  const auto errors = Reject(csv);
  ASSERT_THAT(errors, SizeIs(kMaxErrors + 1));
  EXPECT_EQ(errors[kMaxErrors - 1].line, kMaxErrors + 1);
  EXPECT_THAT(errors[kMaxErrors - 1].message, HasSubstr("price"));
  EXPECT_EQ(errors.back().message, "... and " + std::to_string(kMaxErrors * 3) + " more");
}

TEST(CsvImportTest, FileAtTheSizeLimitIsAcceptedAndOneByteMoreIsNot) {
  std::string csv = "name,description\n";
  const std::string padding(kMaxFieldBytes - 100, 'x');
  for (std::size_t i = 0; csv.size() + padding.size() + 20 < kMaxFileBytes; ++i) {
    csv += "p" + std::to_string(i) + "," + padding + "\n";
  }
  csv += "last," + std::string(kMaxFileBytes - csv.size() - 6, 'y') + "\n";
  ASSERT_EQ(csv.size(), kMaxFileBytes);
  EXPECT_THAT(Accept(csv), Not(IsEmpty()));
  csv += "\n";
  const auto errors = Reject(csv);
  EXPECT_THAT(errors, ElementsAre(ImportError{kNoLine, "the file is larger than 5 MB"}));
}

TEST(CsvImportTest, MoreThanMaxProductsIsAnError) {
  EXPECT_THAT(Accept(Rows(kMaxProducts)), SizeIs(kMaxProducts));
  const auto errors = Reject(Rows(kMaxProducts + 1));
  ASSERT_THAT(Lines(errors), ElementsAre(kMaxProducts + 2));
  EXPECT_THAT(errors[0].message, HasSubstr("more than 10000 products"));
}

TEST(CsvImportTest, FieldLongerThanTheLimitIsAnError) {
  const std::string at_limit(kMaxFieldBytes, 'd');
  const auto products = Accept("name,description\nMug," + at_limit + "\n");
  ASSERT_THAT(products, SizeIs(1));
  EXPECT_EQ(products[0].description, at_limit);
  const auto errors = Reject("name,description\nMug,\"" + at_limit + "d\"\n");
  ASSERT_THAT(Lines(errors), ElementsAre(2));
  EXPECT_EQ(errors[0].message, "field 2 is longer than 8192 bytes");
}

TEST(CsvImportTest, MoreThanMaxColumnsIsAnError) {
  std::string header = "name";
  for (std::size_t i = 1; i < kMaxColumns; ++i) header += ",c" + std::to_string(i);
  const std::string row = "Mug" + std::string(kMaxColumns - 1, ',') + "v\n";
  const auto products = Accept(header + "\n" + row);
  ASSERT_THAT(products, SizeIs(1));
  EXPECT_THAT(products[0].attributes, ElementsAre(core::ProductAttribute{"c99", "v"}));
  const auto errors = Reject(header + ",c100\n" + row);
  ASSERT_THAT(Lines(errors), ElementsAre(1));
  EXPECT_EQ(errors[0].message, "the header has 101 columns; at most 100 are allowed");
}

TEST(CsvImportTest, ErrorMessagesQuoteValuesSafely) {
  const std::string long_value = "1" + std::string(200, 'x');
  const auto errors = Reject("name,price,stock\nMug,\xC3\x28,\"" + long_value + "\"\n");
  ASSERT_THAT(Lines(errors), ElementsAre(2, 2, 2));
  for (const auto& e : errors) EXPECT_TRUE(IsValidUtf8(e.message)) << e.message;
  EXPECT_EQ(errors[1].message,
            "price '\xEF\xBF\xBD(' is not a number (write it like 19.90 or 1200)");
  EXPECT_LT(errors[2].message.size(), 100u);
  EXPECT_THAT(errors[2].message, HasSubstr("...'"));
}

TEST(CsvImportTest, ErrorMessagesStayOnOneLine) {
  const auto errors = Reject("name,price\nMug,\"1\n2\t3\"\n");
  ASSERT_THAT(Lines(errors), ElementsAre(2));
  EXPECT_EQ(errors[0].message, "price '1 2 3' is not a number (write it like 19.90 or 1200)");
}

TEST(CsvImportTest, DescribeWritesOneLinePerError) {
  EXPECT_EQ(
      Describe(
          {{4, "price 'abc' is not a number"}, {7, "name is blank"}, {kNoLine, "... and 3 more"}}),
      "line 4: price 'abc' is not a number\nline 7: name is blank\n... and 3 more");
  EXPECT_EQ(Describe({}), "");
}

}  // namespace
}  // namespace catalog
