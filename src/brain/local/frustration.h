// Is the customer upset? Cues in English, Spanish and Portuguese.
#pragma once

#include <span>
#include <string_view>

#include "brain/local/clause.h"

namespace brain {

// True for angry or exasperated messages: words and phrases ("this is useless", "you're not
// helping", "ridiculous", "estoy harto", "no sirves", "que absurdo", "não está ajudando"), or at
// least two weaker signs together: runs of three or more '!'/'?' ("why???"), and shouting in
// capitals. A plain "Thanks!!!" is not frustration. `utf8` is the message, `clauses` its clauses.
// Thread-safe.
bool IsFrustrated(std::string_view utf8, std::span<const Clause> clauses);

}  // namespace brain
