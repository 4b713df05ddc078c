// A generated shop for the llm brain's benchmarks (llm_turn_bench, llm_e2e_bench): a catalog of
// homeware products, a business context of a set length, and an agent that thinks with `llm`,
// debounce 0. Each customer asks the price of one product, and the model's canned answer calls
// `respond` with that product's price: a grounded reply the guards accept.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

struct ShopProduct {
  std::string name;  // unique, and no product's name contains another's
  std::string price;
};

struct LlmShop {
  std::vector<ShopProduct> products;
  std::string context;
};

// REQUIRES: 1 <= products <= 40.
LlmShop MakeLlmShop(std::size_t products, std::size_t context_chars);

// Writes dir/workspace.toml (with `extra_toml` appended: channels), catalog.csv and context.md.
void WriteLlmShop(const LlmShop& shop, const std::filesystem::path& dir,
                  const std::string& extra_toml);

// What the customer asks about `product`: "How much is the Oak cutting board?"
std::string Question(const ShopProduct& product);

// The reply the model gives about `product`, as the customer reads it.
std::string Reply(const ShopProduct& product);

// A chat completion (200 body) calling `respond` with Reply(product), citing it.
std::string RespondCompletion(const ShopProduct& product);

// What the customer said last in a chat-completions request's body (the prompt's last
// <customer> block, as escaped in JSON); empty when there is none. Found without parsing the body
// (~26 KB here), so that the fake model costs the shared cores little.
std::string_view LastCustomerWords(std::string_view body);

// The product `text` names; nullptr when none.
const ShopProduct* AskedProduct(const LlmShop& shop, std::string_view text);

}  // namespace bench
