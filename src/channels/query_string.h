// Raw URL query strings, read without any framework's renaming ("hub.mode" keeps its dot).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace channels {

struct QueryParameter {
  std::string name;
  std::string value;
};

// The parameters of `raw_query` ("a=1&b=x%20y"; a leading '?' is tolerated), in order, with
// names and values percent-decoded ('+' is a space). Empty pieces ("a=1&&b=2") are skipped; a
// piece without '=' has an empty value. nullopt when a '%' is not followed by two hex digits.
std::optional<std::vector<QueryParameter>> ParseQuery(std::string_view raw_query);

}  // namespace channels
