#include "llm_shop.h"

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

namespace bench {
namespace {

using nlohmann::json;

constexpr const char* kMaterials[] = {"Oak", "Linen", "Ceramic", "Walnut", "Rattan"};
constexpr const char* kItems[] = {"cutting board", "serving bowl", "table lamp", "throw blanket",
                                  "napkin set",    "coffee mug",   "wall clock", "plant pot"};

// Paragraphs of a shop's business context, the n-th of each kind told apart by its numbers.
std::string ContextParagraph(std::size_t n) {
  char text[640];
  const auto i = static_cast<int>(n);
  switch (n % 4) {
    case 0:
      std::snprintf(text, sizeof text,
                    "## Shipping to zone %d\nOrders to delivery zone %d leave our warehouse within "
                    "%d business days and arrive %d to %d days later. Shipping costs %d.90 USD, "
                    "free above %d USD. Parcels are tracked; the tracking link comes by message on "
                    "the day the parcel leaves.\n\n",
                    i, i, 1 + i % 3, 2 + i % 5, 5 + i % 5, 4 + i % 6, 80 + 10 * (i % 4));
      break;
    case 1:
      std::snprintf(text, sizeof text,
                    "## Care of %s pieces (guide %d)\nWipe %s pieces with a soft, dry cloth. Keep "
                    "them out of direct sunlight and away from heaters. Stains come out with mild "
                    "soap and lukewarm water; never use bleach. Re-oil wood every %d months.\n\n",
                    kMaterials[i % 5], i, kMaterials[i % 5], 3 + i % 4);
      break;
    case 2:
      std::snprintf(text, sizeof text,
                    "## Returns, case %d\nUnused items in their original packaging can be "
                    "returned within %d days of delivery for a full refund. Refunds reach the "
                    "original payment method within %d business days after the return arrives. "
                    "Personalised items and gift cards cannot be returned.\n\n",
                    i, 30 + i % 3 * 15, 5 + i % 5);
      break;
    default:
      std::snprintf(text, sizeof text,
                    "## Store %d\nOur store number %d opens Monday to Friday from %d:00 to %d:00 "
                    "and Saturday from 10:00 to 14:00. Pick-up orders are ready within %d hours; "
                    "bring the order number. Card, cash and bank transfer are accepted.\n\n",
                    i, i, 8 + i % 3, 17 + i % 3, 2 + i % 4);
  }
  return text;
}

}  // namespace

LlmShop MakeLlmShop(std::size_t products, std::size_t context_chars) {
  LlmShop shop;
  for (std::size_t k = 0; k < products; ++k) {
    char price[16];
    std::snprintf(price, sizeof price, "%.2f", 12.5 + 3.25 * static_cast<double>(k));
    shop.products.push_back({std::string(kMaterials[k % std::size(kMaterials)]) + " " +
                                 kItems[k / std::size(kMaterials)],
                             price});
  }
  for (std::size_t n = 0; shop.context.size() < context_chars; ++n) {
    shop.context += ContextParagraph(n);
  }
  shop.context.resize(context_chars);
  return shop;
}

void WriteLlmShop(const LlmShop& shop, const std::filesystem::path& dir,
                  const std::string& extra_toml) {
  std::ofstream(dir / "workspace.toml")
      << "slug = \"bench-shop\"\n"
         "[company]\nname = \"Bench Home\"\nindustry = \"Home and lifestyle retail\"\n"
         "[agent]\nname = \"Lia\"\nbrain = \"llm\"\ndefault_language = \"en\"\n"
         "greeting = \"Hi! I'm Lia from Bench Home.\"\nworkflow = \"handoff_to_human\"\n"
         "[settings]\ndebounce = \"0s\"\n"
         "[context]\nfile = \"context.md\"\n"
         "[catalog]\ncsv = \"catalog.csv\"\n"
      << extra_toml;
  std::ofstream(dir / "context.md") << shop.context;
  std::ofstream csv(dir / "catalog.csv");
  csv << "name,sku,price,currency,stock,category,description\n";
  for (std::size_t k = 0; k < shop.products.size(); ++k) {
    const ShopProduct& p = shop.products[k];
    csv << p.name << ",BH-" << 100 + k << ',' << p.price << ",USD," << 3 + k % 9 * 4 << ",Home,\"A "
        << p.name << ", made by hand in small batches. Gift wrapping on request.\"\n";
  }
}

std::string Question(const ShopProduct& product) { return "How much is the " + product.name + "?"; }

std::string Reply(const ShopProduct& product) {
  return "The " + product.name + " costs " + product.price + " USD.";
}

std::string RespondCompletion(const ShopProduct& product) {
  const json arguments = {{"reply", Reply(product)},
                          {"language", "en"},
                          {"asked", true},
                          {"answered", true},
                          {"handoff", nullptr},
                          {"answer", nullptr},
                          {"cited_products", {product.name}}};
  const json call = {{"id", "call_bench"},
                     {"type", "function"},
                     {"function", {{"name", "respond"}, {"arguments", arguments.dump()}}}};
  return json{{"id", "chatcmpl-bench"},
              {"object", "chat.completion"},
              {"model", "bench-model"},
              {"choices", json::array({{{"index", 0},
                                        {"finish_reason", "tool_calls"},
                                        {"message",
                                         {{"role", "assistant"},
                                          {"content", nullptr},
                                          {"tool_calls", json::array({call})}}}}})}}
      .dump();
}

std::string_view LastCustomerWords(std::string_view body) {
  constexpr std::string_view kOpen = "<customer>";
  const std::size_t open = body.rfind(kOpen);
  if (open == std::string_view::npos) return {};
  const std::size_t begin = open + kOpen.size();
  const std::size_t end = body.find("</customer>", begin);
  return end == std::string_view::npos ? std::string_view{} : body.substr(begin, end - begin);
}

const ShopProduct* AskedProduct(const LlmShop& shop, std::string_view text) {
  for (const ShopProduct& p : shop.products) {
    if (text.find(p.name) != std::string_view::npos) return &p;
  }
  return nullptr;
}

}  // namespace bench
