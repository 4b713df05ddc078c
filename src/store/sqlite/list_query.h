// The SQL of the inbox's reads (summary_repository.h): the summary of one conversation, and one
// list statement per shape, each walking the index made for it. Built once; the texts live as
// long as the program (Connection::Prepare keys its cache on them).
#pragma once

#include <string>

namespace store::sqlite {

// Which statement lists a page, by what the filter asks.
enum class ListShape {
  kTab,                     // a folder, every channel: one walk of conversations_by_tab per channel
  kTabChannel,              // a folder, one channel: one walk
  kLabel,                   // from the contacts carrying the label
  kSearchFew,               // from the search's matches
  kSearchCollected,         // a tab walk looking each conversation up in the matches collected
  kSearchCollectedChannel,  // the same, one channel
  kSearchMany,              // a tab walk querying the index for each conversation, every channel
  kSearchManyChannel,       // the same, one channel
};

// A list statement and the parameters it takes: ?1 workspace, ?2 folder, ?3 and ?4 the cursor
// (activity, id; the largest values for the first page), ?5 the page size, ?6 a channel (NULL:
// every one), ?7 unread only (0 or 1), ?8 a label (NULL: any), ?9 the MATCH expression, ?10 and
// ?11 the ids of the conversations whose messages match it and of the contacts whose names do
// (IdSets). It takes ?1 to ?parameters (some unused).
struct ListStatement {
  std::string sql;
  int parameters = 0;
};
const ListStatement& ListSql(ListShape shape);

// One conversation's summary by ?1 id and ?2 workspace.
const std::string& SummarySql();
// Both select the columns ReadConversationSummary reads (store/rows.h).

}  // namespace store::sqlite
