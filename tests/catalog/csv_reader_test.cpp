#include "catalog/csv_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace catalog {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr CsvReader::Limits kRoomy{1000, 100};

std::vector<CsvRecord> ReadAll(std::string_view text, CsvReader::Limits limits = kRoomy) {
  CsvReader reader(text, limits);
  std::vector<CsvRecord> records;
  CsvRecord record;
  while (reader.Next(record)) records.push_back(record);
  return records;
}

TEST(CsvReaderTest, EmptyTextHasNoRecords) { EXPECT_THAT(ReadAll(""), IsEmpty()); }

TEST(CsvReaderTest, BlankLineIsOneEmptyField) {
  const auto records = ReadAll("a\n\nb");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_THAT(records[1].fields, ElementsAre(""));
  EXPECT_EQ(records[1].line, 2u);
}

TEST(CsvReaderTest, RecordsKnowTheirStartLine) {
  const auto records = ReadAll("a,\"x\r\ny\"\r\nb\rc\n\"1\n2\n3\",z\nd");
  ASSERT_EQ(records.size(), 5u);
  EXPECT_EQ(records[0].line, 1u);
  EXPECT_THAT(records[0].fields, ElementsAre("a", "x\ny"));
  EXPECT_EQ(records[1].line, 3u);
  EXPECT_EQ(records[2].line, 4u);
  EXPECT_EQ(records[3].line, 5u);
  EXPECT_THAT(records[3].fields, ElementsAre("1\n2\n3", "z"));
  EXPECT_EQ(records[4].line, 8u);
}

TEST(CsvReaderTest, EmptyFieldsAreKept) {
  const auto records = ReadAll(",a,,\"\",");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_THAT(records[0].fields, ElementsAre("", "a", "", "", ""));
  EXPECT_EQ(records[0].field_count, 5u);
}

TEST(CsvReaderTest, FieldsPastTheLimitAreCountedNotKept) {
  const auto records = ReadAll("a,b,c,d\n", {1000, 2});
  ASSERT_EQ(records.size(), 1u);
  EXPECT_THAT(records[0].fields, ElementsAre("a", "b"));
  EXPECT_EQ(records[0].field_count, 4u);
  EXPECT_THAT(records[0].error, IsEmpty());
}

TEST(CsvReaderTest, LongFieldIsCutAndReported) {
  const auto records = ReadAll("abcdef,x\nok", {4, 10});
  ASSERT_EQ(records.size(), 2u);
  EXPECT_THAT(records[0].fields, ElementsAre("abcd", "x"));
  EXPECT_EQ(records[0].error, "field 1 is longer than 4 bytes");
  EXPECT_THAT(records[1].error, IsEmpty());
}

TEST(CsvReaderTest, UnterminatedQuoteEndsTheText) {
  const auto records = ReadAll("a\nb,\"c\nd\ne");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].line, 2u);
  EXPECT_THAT(records[1].error, HasSubstr("never closed"));
}

TEST(CsvReaderTest, UnterminatedQuoteNamesItsLineWhenTheRecordStartedEarlier) {
  const auto records = ReadAll("\"a\nb\",\"c\nd");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_THAT(records[0].error, HasSubstr("opens on line 2"));
}

TEST(CsvReaderTest, TextAfterClosingQuoteIsReportedAndReadOn) {
  const auto records = ReadAll("\"a\"b,c\nd");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_THAT(records[0].fields, ElementsAre("ab", "c"));
  EXPECT_THAT(records[0].error, HasSubstr("field 1 has text after its closing quote"));
}

}  // namespace
}  // namespace catalog
