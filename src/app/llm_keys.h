// The [llm] keys of the serve config (examples/frontdesk.toml and docs/llm.md document each):
// the endpoint and how it is asked, its extra headers and body, what a turn may take, its
// circuit, and its prices. Each refusal names what is wrong:
//   - extra_headers: a table of strings whose names are HTTP tokens, never a header that
//     carries the key (Authorization, api-key: the key goes through api_key_env) nor
//     Content-Type;
//   - extra_body: a table of any values, never a field the brain sets in every request (model,
//     messages, tools, tool_choice, response_format, stream, ...).
#pragma once

#include <vector>

#include "app/config_keys.h"

namespace app {

void AddLlmKeys(std::vector<ConfigKey>& keys);

}  // namespace app
