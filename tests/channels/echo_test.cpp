#include "channels/echo.h"

#include <gtest/gtest.h>

namespace channels {
namespace {

constexpr const char* kOurs = "1517776481860111";
constexpr const char* kPageInbox = "263902037430900";

TEST(EchoTest, ClassificationFollowsTheReferenceTable) {
  struct Case {
    EchoSource source;
    const char* app_id;
    const char* our_app_id;
    bool in_ledger;
    EchoOrigin expected;
  };
  const Case cases[] = {
      // WhatsApp: any echo is the owner in the business app; the ledger is a safety net.
      {EchoSource::kBusinessApp, "", kOurs, false, EchoOrigin::kHuman},
      {EchoSource::kBusinessApp, "", kOurs, true, EchoOrigin::kOurs},
      // Messenger: Page Inbox or no app id is a person; ours by app id; others another tool.
      {EchoSource::kPageInbox, kPageInbox, kOurs, false, EchoOrigin::kHuman},
      {EchoSource::kPageInbox, "", kOurs, false, EchoOrigin::kHuman},
      {EchoSource::kApp, kOurs, kOurs, false, EchoOrigin::kOurs},
      {EchoSource::kApp, "999", kOurs, false, EchoOrigin::kOtherApp},
      {EchoSource::kApp, "999", kOurs, true, EchoOrigin::kOurs},
      {EchoSource::kApp, kOurs, "", false, EchoOrigin::kOtherApp},  // our id not configured
      // Instagram: only the ledger (or a matching app id) says ours.
      {EchoSource::kUnknown, "", kOurs, false, EchoOrigin::kHuman},
      {EchoSource::kUnknown, "", kOurs, true, EchoOrigin::kOurs},
      {EchoSource::kUnknown, kOurs, kOurs, false, EchoOrigin::kOurs},
      {EchoSource::kUnknown, "", "", false, EchoOrigin::kHuman},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ClassifyEcho(Echo{c.source, c.app_id}, c.our_app_id, c.in_ledger), c.expected)
        << ToString(c.source) << " app_id=" << c.app_id << " ours=" << c.our_app_id
        << " ledger=" << c.in_ledger;
  }
}

}  // namespace
}  // namespace channels
