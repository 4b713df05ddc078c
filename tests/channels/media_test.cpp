// Downloading media: the WhatsApp media description request, its answer, and the download.
#include "channels/media.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/fixture.h"

namespace channels {
namespace {

std::string Authorization(const OutboundRequest& r) {
  for (const Header& h : r.headers) {
    if (h.name == "Authorization") return h.value;
  }
  return "";
}

TEST(MediaTest, WhatsappMediaIsDescribedByItsIdWithTheTokenInTheHeader) {
  auto r = BuildMediaInfoRequest("v25.0", "tok", "1908647269898587");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->method, "GET");
  EXPECT_EQ(r->path, "/v25.0/1908647269898587");
  EXPECT_EQ(Authorization(*r), "Bearer tok");
  EXPECT_EQ(r->path.find("tok"), std::string::npos);
}

TEST(MediaTest, AMediaIdThatIsNotDigitsIsRefused) {
  EXPECT_FALSE(BuildMediaInfoRequest("v25.0", "tok", "../me/messages").ok());
  EXPECT_FALSE(BuildMediaInfoRequest("v25.0", "", "1").ok());
  EXPECT_FALSE(BuildMediaInfoRequest("25", "tok", "1").ok());
}

TEST(MediaTest, TheDescriptionGivesTheUrlTypeAndSize) {
  auto info =
      ParseMediaInfo(R"({"messaging_product":"whatsapp","url":"https://lookaside.fbsbx.com/x?y=1",)"
                     R"("mime_type":"image/jpeg","sha256":"abc","file_size":"303833","id":"1"})");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->url, "https://lookaside.fbsbx.com/x?y=1");
  EXPECT_EQ(info->mime_type, "image/jpeg");
  EXPECT_EQ(info->file_size, 303833);
}

TEST(MediaTest, ADescriptionWithoutAnHttpUrlIsRefused) {
  EXPECT_FALSE(ParseMediaInfo(R"({"url":"file:///etc/passwd"})").ok());
  EXPECT_FALSE(ParseMediaInfo(R"({"mime_type":"image/jpeg"})").ok());
  EXPECT_FALSE(ParseMediaInfo("not json").ok());
}

TEST(MediaTest, OnlyWhatsappDownloadsCarryTheToken) {
  auto wa = BuildMediaDownload(core::Channel::kWhatsapp, "https://lookaside.fbsbx.com/x", "tok");
  ASSERT_TRUE(wa.ok());
  EXPECT_EQ(wa->path, "https://lookaside.fbsbx.com/x");
  EXPECT_EQ(Authorization(*wa), "Bearer tok");
  auto fb =
      BuildMediaDownload(core::Channel::kMessenger, "https://scontent.xx.fbcdn.net/v/a.jpg", "tok");
  ASSERT_TRUE(fb.ok());
  EXPECT_EQ(Authorization(*fb), "");
}

TEST(MediaTest, ADownloadUrlThatIsNotHttpOrHasSpacesIsRefused) {
  EXPECT_FALSE(BuildMediaDownload(core::Channel::kMessenger, "ftp://x/y", "").ok());
  EXPECT_FALSE(BuildMediaDownload(core::Channel::kMessenger, "https://x/a b", "").ok());
  EXPECT_FALSE(BuildMediaDownload(core::Channel::kMessenger, "https://x/a\r\nX: y", "").ok());
}

}  // namespace
}  // namespace channels
