#include "brain/registry.h"

#include <gtest/gtest.h>

namespace brain {
namespace {

TEST(RegistryTest, LocalKindBuildsABrain) {
  auto brain = MakeBrain("local", core::AgentConfig{}, core::Catalog{});
  ASSERT_TRUE(brain.ok()) << brain.error().message;
  ASSERT_NE(brain.value(), nullptr);
  core::BrainInput input;
  input.customer_messages = {"hello"};
  EXPECT_TRUE(brain.value()->Propose(input).ok());
}

TEST(RegistryTest, UnknownKindNamesItAndTheKnownOnes) {
  auto brain = MakeBrain("gpt", core::AgentConfig{}, core::Catalog{});
  ASSERT_FALSE(brain.ok());
  EXPECT_EQ(brain.error().code, base::ErrorCode::kInvalidArgument);
  EXPECT_NE(brain.error().message.find("\"gpt\""), std::string::npos);
  EXPECT_NE(brain.error().message.find("local"), std::string::npos);
}

TEST(RegistryTest, ListsTheKnownKinds) {
  EXPECT_EQ(BrainKinds(), (std::vector<std::string_view>{"local"}));
}

}  // namespace
}  // namespace brain
