#include "http/multipart.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http/parameters.h"

namespace http {
namespace {

using ::testing::HasSubstr;

constexpr std::string_view kType = "multipart/form-data; boundary=XyZ";

TEST(ParameterizedTest, ReadsTokensAndQuotedStrings) {
  auto v = ParseParameterized(R"(Form-Data; name="file"; filename="a \"b\".csv" ; size=12)");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->value, "form-data");
  EXPECT_EQ(v->Parameter("name"), "file");
  EXPECT_EQ(v->Parameter("filename"), R"(a "b".csv)");
  EXPECT_EQ(v->Parameter("size"), "12");
  EXPECT_FALSE(v->Parameter("other").has_value());
  auto type = ParseParameterized("Text/CSV;charset=UTF-8;");
  ASSERT_TRUE(type.has_value());
  EXPECT_EQ(type->value, "text/csv");
  EXPECT_EQ(type->Parameter("charset"), "UTF-8");
}

TEST(ParameterizedTest, RefusesMalformedValues) {
  for (const char* bad : {"", " ; a=b", "text/csv; a", "text/csv; a=", "a; b=\"open", "a; b=c d",
                          "a; b=1; B=2", "a b", "a; b=\"x\ny\"", "a; =b"}) {
    EXPECT_FALSE(ParseParameterized(bad).has_value()) << bad;
  }
}

TEST(MultipartTest, ReadsFieldsAndFiles) {
  const std::string body =
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"note\"\r\n"
      "\r\n"
      "hello\r\n"
      "--XyZ  \r\n"
      "content-disposition: form-data; name=\"file\"; filename=\"catalog.csv\"\r\n"
      "Content-Type: text/csv\r\n"
      "X-Ignored: yes\r\n"
      "\r\n"
      "name,price\r\nMug,9\r\nx--XyZ is not a delimiter\r\n"
      "\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=empty\r\n"
      "\r\n"
      "\r\n"
      "--XyZ--\r\n"
      "an epilogue is ignored";
  auto parts = ParseFormData(kType, body);
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 3u);
  EXPECT_EQ((*parts)[0].name, "note");
  EXPECT_EQ((*parts)[0].body, "hello");
  EXPECT_FALSE((*parts)[0].filename.has_value());
  const FormPart* file = FindPart(*parts, "file");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->filename, "catalog.csv");
  EXPECT_EQ(file->content_type, "text/csv");
  EXPECT_EQ(file->body, "name,price\r\nMug,9\r\nx--XyZ is not a delimiter\r\n");
  EXPECT_EQ((*parts)[2].body, "");
  EXPECT_EQ(FindPart(*parts, "missing"), nullptr);
}

TEST(MultipartTest, TakesAQuotedBoundaryAndAnEmptyForm) {
  auto parts = ParseFormData(R"x(multipart/form-data; boundary="a b'(c)")x", "--a b'(c)--");
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  EXPECT_TRUE(parts->empty());
}

TEST(MultipartTest, RefusesContentTypesWithoutAValidBoundary) {
  const std::string too_long = "multipart/form-data; boundary=" + std::string(71, 'a');
  for (const std::string& bad :
       {std::string(), std::string("text/csv"), std::string("multipart/form-data"),
        std::string("multipart/mixed; boundary=x"), std::string("multipart/form-data; boundary="),
        std::string("multipart/form-data; boundary=\"ends with space \""),
        std::string("multipart/form-data; boundary=\"semi;colon\""), too_long}) {
    auto parts = ParseFormData(bad, "--x--");
    ASSERT_FALSE(parts.ok()) << bad;
    EXPECT_EQ(parts.error().code, base::ErrorCode::kInvalidArgument);
    EXPECT_THAT(parts.error().message, HasSubstr("multipart/form-data with a boundary"));
  }
}

TEST(MultipartTest, RefusesBrokenFramingWithAClearMessage) {
  const std::string part = "Content-Disposition: form-data; name=\"f\"\r\n\r\nx";
  const std::pair<std::string, std::string> cases[] = {
      {"", "does not start with the boundary"},
      {"preamble\r\n--XyZ\r\n" + part + "\r\n--XyZ--", "does not start with the boundary"},
      {"--XyZ\r\n" + part, "ends before the closing boundary"},
      {"--XyZ\r\n" + part + "\r\n--XyZ", "ends before the closing boundary"},
      {"--XyZjunk\r\n" + part + "\r\n--XyZ--", "text after the boundary"},
      {"--XyZ\n" + part + "\r\n--XyZ--", "text after the boundary"},
      {"--XyZ\r\n" + part + "\r\n--XyZ+\r\n", "text after the boundary"},
      {"--XyZ\r\nContent-Disposition: form-data; name=\"f\"\n\nx\r\n--XyZ--", "headers do not end"},
      {"--XyZ\r\n\r\nx\r\n--XyZ--", "no Content-Disposition"},
      {"--XyZ\r\nContent-Type: text/csv\r\n\r\nx\r\n--XyZ--", "no Content-Disposition"},
      {"--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--", "no Content-Disposition"},
      {"--XyZ\r\nContent-Disposition: attachment; name=f\r\n\r\nx\r\n--XyZ--",
       "not one form-data header"},
      {"--XyZ\r\nContent-Disposition: form-data; name=f\r\nContent-Disposition: form-data; "
       "name=g\r\n\r\nx\r\n--XyZ--",
       "not one form-data header"},
      {"--XyZ\r\nContent-Disposition: form-data; name=f\r\n folded\r\n\r\nx\r\n--XyZ--",
       "not \"Name: value\""},
      {"--XyZ\r\nno colon\r\n\r\nx\r\n--XyZ--", "not \"Name: value\""},
      {"--XyZ\r\nContent-Disposition: form-data; name=f\r\nA\rB: c\r\n\r\nx\r\n--XyZ--",
       "not \"Name: value\""},
  };
  for (const auto& [body, message] : cases) {
    auto parts = ParseFormData(kType, body);
    ASSERT_FALSE(parts.ok()) << body;
    EXPECT_EQ(parts.error().code, base::ErrorCode::kInvalidArgument);
    EXPECT_THAT(parts.error().message, HasSubstr(message)) << body;
  }
}

TEST(MultipartTest, KeepsToItsLimits) {
  std::string many = "--XyZ";
  for (int i = 0; i < 3; ++i) {
    many += "\r\nContent-Disposition: form-data; name=f\r\n\r\nx\r\n--XyZ";
  }
  many += "--";
  EXPECT_TRUE(ParseFormData(kType, many, {.max_parts = 3}).ok());
  auto refused = ParseFormData(kType, many, {.max_parts = 2});
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.error().message, HasSubstr("more than 2 parts"));

  const std::string long_header =
      "--XyZ\r\nContent-Disposition: form-data; name=f\r\nX-Long: " + std::string(200, 'h') +
      "\r\n\r\nx\r\n--XyZ--";
  EXPECT_TRUE(ParseFormData(kType, long_header, {.max_header_bytes = 300}).ok());
  auto too_long = ParseFormData(kType, long_header, {.max_header_bytes = 100});
  ASSERT_FALSE(too_long.ok());
  EXPECT_THAT(too_long.error().message, HasSubstr("longer than 100 bytes"));
}

TEST(MultipartTest, NeverFailsOnArbitraryBytes) {
  // Every prefix of a valid body, and bytes flipped anywhere: an error or parts, never a crash.
  const std::string valid =
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n"
      "name\r\nMug\r\n--XyZ--";
  for (std::size_t n = 0; n < valid.size(); ++n) {
    (void)ParseFormData(kType, std::string_view(valid).substr(0, n));
    std::string flipped = valid;
    for (char c : {'\0', '\r', '\n', '-', '"', ';', '\\'}) {
      flipped[n] = c;
      (void)ParseFormData(kType, flipped);
    }
  }
  EXPECT_TRUE(ParseFormData(kType, valid).ok());
}

}  // namespace
}  // namespace http
