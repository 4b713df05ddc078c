// What the media store keeps: sizes and types per kind.
#include "core/media.h"

#include <gtest/gtest.h>

namespace core {
namespace {

TEST(MediaLimitsTest, EachKindHasWhatsappsLimit) {
  EXPECT_EQ(MaxMediaBytes(Attachment::kImage), 5 * 1024 * 1024);
  EXPECT_EQ(MaxMediaBytes(Attachment::kAudio), 16 * 1024 * 1024);
  EXPECT_EQ(MaxMediaBytes(Attachment::kVideo), 16 * 1024 * 1024);
  EXPECT_EQ(MaxMediaBytes(Attachment::kDocument), 100 * 1024 * 1024);
  EXPECT_EQ(MaxMediaBytes(Attachment::kSticker), 500 * 1024);
  EXPECT_EQ(MaxMediaBytes(Attachment::kLocation), 0);
}

TEST(MediaLimitsTest, TypesAreReadWithoutTheirParameters) {
  EXPECT_EQ(BareMimeType(" Audio/OGG; codecs=opus"), "audio/ogg");
  EXPECT_TRUE(IsAllowedMediaType(Attachment::kAudio, "audio/ogg; codecs=opus"));
}

TEST(MediaLimitsTest, OnlyTheKindsOwnTypesAreKept) {
  EXPECT_TRUE(IsAllowedMediaType(Attachment::kImage, "image/jpeg"));
  EXPECT_TRUE(IsAllowedMediaType(Attachment::kDocument, "application/pdf"));
  EXPECT_TRUE(IsAllowedMediaType(Attachment::kVideo, "video/mp4"));
  EXPECT_FALSE(IsAllowedMediaType(Attachment::kImage, "image/svg+xml"));  // runs script
  EXPECT_FALSE(IsAllowedMediaType(Attachment::kImage, "text/html"));
  EXPECT_FALSE(IsAllowedMediaType(Attachment::kDocument, "application/x-msdownload"));
  EXPECT_FALSE(IsAllowedMediaType(Attachment::kDocument, "application/octet-stream"));
  EXPECT_FALSE(IsAllowedMediaType(Attachment::kDocument, ""));
  EXPECT_FALSE(IsAllowedMediaType(Attachment::kLocation, "image/jpeg"));
}

TEST(MediaLimitsTest, StatesReadBackFromTheirNames) {
  for (MediaState s : {MediaState::kPending, MediaState::kStored, MediaState::kFailed,
                       MediaState::kTooLarge, MediaState::kRefusedType}) {
    EXPECT_EQ(ParseMediaState(ToString(s)), s);
  }
  EXPECT_EQ(ParseMediaState("lost"), std::nullopt);
}

}  // namespace
}  // namespace core
