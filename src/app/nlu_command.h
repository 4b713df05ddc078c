// `frontdesk nlu`: the local brain's reading of each input line, for evaluating it on data.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

namespace app {

struct NluOptions {
  // With either, each line also says what the local brain would answer from (retrieval).
  std::optional<std::string> context;  // a business context file (Markdown or text)
  std::optional<std::string> catalog;  // a catalog file (CSV or .xlsx)
};

// Reads JSON lines {"text": "..."} and writes, for each, one line
// {"text", "language", "handoff", "frustration"} in the same order, plus, with a context or a
// catalog, "answer": {"kind": "sentences" | "products" | "reserved" | "none", "heading",
// "sentences": [...], "products": [{"name", "sku"}...], "rule", "unmatched"}. A line that is not
// such an object gets {"error": "line N: ..."}. Returns 0, 1 when any line was rejected, 2 (with
// the reason on `err`) when a file cannot be read or imported.
int RunNlu(const NluOptions& options, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace app
