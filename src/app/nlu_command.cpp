#include "app/nlu_command.h"

#include <fstream>
#include <istream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>
#include <string>

#include "app/init.h"
#include "brain/local/reading.h"

namespace app {
namespace {

using nlohmann::json;

// The knowledge the options name, or nullopt without a context or a catalog.
base::Result<std::optional<brain::Knowledge>> KnowledgeOf(const NluOptions& options) {
  if (!options.context && !options.catalog) return std::optional<brain::Knowledge>();
  core::AgentConfig config;
  if (options.context) {
    std::ifstream in(*options.context, std::ios::binary);
    if (!in) return base::Error::InvalidArgument("cannot read '" + *options.context + "'");
    std::ostringstream text;
    text << in.rdbuf();
    config.business_context = std::move(text).str();
  }
  std::vector<core::Product> products;
  if (options.catalog) {
    auto read = ReadCatalog(*options.catalog, std::nullopt);
    if (!read.ok()) return read.error();
    products = std::move(*read);
  }
  auto knowledge = brain::Knowledge::Build(std::move(products), config);
  if (!knowledge.ok()) return knowledge.error();
  return std::optional<brain::Knowledge>(std::move(*knowledge));
}

json AnswerJson(const std::optional<brain::Found>& found) {
  if (!found) return {{"kind", "none"}};
  if (found->reserved != nullptr) return {{"kind", "reserved"}, {"rule", found->reserved->text}};
  if (found->passage != nullptr) {
    json sentences = json::array();
    for (const brain::Sentence& s : found->sentences) sentences.push_back(s.text);
    return {{"kind", "sentences"}, {"heading", found->passage->heading}, {"sentences", sentences}};
  }
  json products = json::array();
  for (const core::Product* p : found->products) {
    products.push_back({{"name", p->name}, {"sku", p->sku}});
  }
  json answer = {{"kind", "products"}, {"products", products}};
  if (!found->unmatched.empty()) answer["unmatched"] = found->unmatched;
  return answer;
}

}  // namespace

int RunNlu(const NluOptions& options, std::istream& in, std::ostream& out, std::ostream& err) {
  auto knowledge = KnowledgeOf(options);
  if (!knowledge.ok()) {
    err << "frontdesk nlu: " << knowledge.error().message << '\n';
    return 2;
  }
  int status = 0;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const json input = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!input.is_object() || !input.contains("text") || !input["text"].is_string()) {
      out << json{{"error", "line " + std::to_string(number) +
                                ": expected a JSON object with a string \"text\""}}
                 .dump()
          << '\n';
      status = 1;
      continue;
    }
    const std::string text = input["text"].get<std::string>();
    const brain::Reading reading = brain::Analyze(text);
    json result = {{"text", text},
                   {"language", core::ToString(reading.language)},
                   {"handoff", reading.handoff},
                   {"frustration", reading.frustration}};
    if (*knowledge) result["answer"] = AnswerJson(brain::Retrieve(**knowledge, text));
    out << result.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
  }
  return status;
}

}  // namespace app
