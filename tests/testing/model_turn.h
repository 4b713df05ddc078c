// Test support: the turn a language model answers with (the `respond` tool's arguments, or the
// object of structured output): `reply` answering a question from the data, citing `products`.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace testing_support {

inline nlohmann::json ModelTurn(const std::string& reply,
                                const std::vector<std::string>& products = {"Stoneware mug"},
                                const std::string& language = "en") {
  return {{"reply", reply},
          {"language", language},
          {"asked", true},
          {"answered", true},
          {"handoff", nullptr},
          {"answer", nullptr},
          {"cited_products", products}};
}

}  // namespace testing_support
