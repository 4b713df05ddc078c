// The core::TokenUsage adapter both backends share: a row per workspace and UTC day, added to
// with one upsert. `Backend` is sqlite::DatabaseFile or postgres::Pool (instantiated for both in
// the .cpp). Thread-safety: every method may be called from any thread.
#pragma once

#include "core/token_usage.h"

namespace store::sql {

template <typename Backend>
class TokenUsage final : public core::TokenUsage {
 public:
  // `backend` is borrowed and must outlive the adapter.
  explicit TokenUsage(Backend& backend) : backend_(backend) {}

  base::Result<std::int64_t> TokensUsed(std::int64_t workspace_id, std::int64_t day) override;
  base::Status AddTokens(std::int64_t workspace_id, std::int64_t day, std::int64_t tokens) override;

 private:
  Backend& backend_;
};

}  // namespace store::sql
