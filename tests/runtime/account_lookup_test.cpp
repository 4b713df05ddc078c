// One pass reads each channel account from the store once, unknown ones included.
#include "runtime/account_lookup.h"

#include <gtest/gtest.h>

namespace runtime {
namespace {

class CountingAccounts final : public core::ChannelAccounts {
 public:
  base::Status SaveChannelAccount(const core::ChannelAccount&) override {
    return base::Status::Ok();
  }
  base::Result<core::ChannelAccount> FindChannelAccount(core::Channel channel,
                                                        const std::string& account_id) override {
    ++reads;
    if (fail_next) {
      fail_next = false;
      return base::Error::Unavailable("database busy");
    }
    if (account_id != "106540352242922") return base::Error::NotFound("no such account");
    core::ChannelAccount a;
    a.channel = channel;
    a.account_id = account_id;
    return a;
  }
  base::Result<std::vector<core::ChannelAccount>> ListChannelAccounts(core::Channel) override {
    return std::vector<core::ChannelAccount>{};
  }
  base::Status SetChannelStatus(core::Channel, const std::string&, core::ChannelStatus) override {
    return base::Status::Ok();
  }
  base::Result<std::vector<core::ChannelAccount>> ListWorkspaceChannelAccounts(
      std::int64_t) override {
    return std::vector<core::ChannelAccount>{};
  }
  base::Status DeleteChannelAccount(std::int64_t, core::Channel, const std::string&) override {
    return base::Status::Ok();
  }
  int reads = 0;
  bool fail_next = false;
};

TEST(AccountLookupTest, EachAccountIsReadOncePerPassUnknownOnesToo) {
  CountingAccounts store;
  AccountLookup lookup(store);
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(lookup.Find(core::Channel::kWhatsapp, "106540352242922").ok());
    EXPECT_EQ(lookup.Find(core::Channel::kWhatsapp, "999").error().code,
              base::ErrorCode::kNotFound);
  }
  EXPECT_EQ(store.reads, 2);
  // Another channel is another account.
  EXPECT_TRUE(lookup.Find(core::Channel::kMessenger, "106540352242922").ok());
  EXPECT_EQ(store.reads, 3);
}

TEST(AccountLookupTest, AStoreErrorIsAskedAgain) {
  CountingAccounts store;
  store.fail_next = true;
  AccountLookup lookup(store);
  EXPECT_EQ(lookup.Find(core::Channel::kWhatsapp, "106540352242922").error().code,
            base::ErrorCode::kUnavailable);
  EXPECT_TRUE(lookup.Find(core::Channel::kWhatsapp, "106540352242922").ok());
  EXPECT_EQ(store.reads, 2);
}

}  // namespace
}  // namespace runtime
