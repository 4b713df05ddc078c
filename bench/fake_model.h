// A fake OpenAI-compatible model on loopback for the llm brain's benchmarks: every POST answers,
// after `delay`, a `respond` call with the price of the product the customer's last words name
// (RespondCompletion); words containing `slow_word` wait `slow_delay` instead; words that name no
// product get a 400.
//
// Unlike testing_support::FakeLlm it keeps no request (a prompt is ~26 KB, and hundreds come each
// second) and answers up to `threads` calls at once (each waiting answer holds a thread).
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "llm_shop.h"
#include "testing/loopback_server.h"

namespace bench {

struct FakeModelSettings {
  std::chrono::milliseconds delay{0};
  std::string slow_word;  // "" = none
  std::chrono::milliseconds slow_delay{0};
  std::size_t threads = 8;
};

class FakeModel {
 public:
  // `shop` is borrowed and must outlive the model.
  FakeModel(const LlmShop& shop, FakeModelSettings settings);
  bool started() const { return started_; }
  std::string base_url() const { return loopback_.Url("/v1"); }
  long calls() const { return calls_; }
  long unknown() const { return unknown_; }  // calls that named no product
  int peak_in_flight() const { return peak_in_flight_; }

 private:
  const LlmShop& shop_;
  const FakeModelSettings settings_;
  std::vector<std::string> answers_;  // RespondCompletion of each product
  std::atomic<long> calls_{0};
  std::atomic<long> unknown_{0};
  std::atomic<int> in_flight_{0};
  std::atomic<int> peak_in_flight_{0};
  bool started_ = false;
  testing_support::LoopbackServer loopback_;  // last: stopped first
};

}  // namespace bench
