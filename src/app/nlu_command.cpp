#include "app/nlu_command.h"

#include <istream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "brain/local/reading.h"

namespace app {

int RunNlu(std::istream& in, std::ostream& out) {
  using nlohmann::json;
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
    out << json{{"text", text},
                {"language", core::ToString(reading.language)},
                {"handoff", reading.handoff},
                {"frustration", reading.frustration}}
               .dump(-1, ' ', false, json::error_handler_t::replace)
        << '\n';
  }
  return status;
}

}  // namespace app
