#include "channels/instagram/parser.h"

#include "channels/messenger/dialect.h"
#include "channels/messenger/parser.h"

namespace channels::instagram {

std::vector<InboundEvent> ParseEntries(const fields::Json& root) {
  return messenger::ParseMessagingEntries(root, messenger::kInstagramDialect);
}

}  // namespace channels::instagram
