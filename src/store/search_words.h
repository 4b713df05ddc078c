// The words of a user's search, the same for both backends' search indexes: a word is a run of
// ASCII letters and digits and non-ASCII bytes; everything else separates words. Each backend
// turns them into its own query (sqlite/search_query.h, postgres/inbox.h): every word must
// start a word of the text, accents and case aside; a one-character word must be a whole word
// (a one-character prefix would read most of the index).
#pragma once

#include <string_view>
#include <vector>

namespace store {

// The words of `text`, in order, viewing into it; empty when it has none.
std::vector<std::string_view> SearchWords(std::string_view text);

}  // namespace store
