// Lead profiles: a contact with its answers, labels, internal notes and conversations, and the
// audit of every edit users make to them. Every function expects its caller to serialize access
// to `db` and implements the core::Crm method of the same name.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/time.h"
#include "core/crm.h"
#include "store/sqlite/connection.h"

namespace store::sqlite {

base::Result<core::Lead> LoadLead(Connection& db, std::int64_t workspace_id,
                                  std::int64_t contact_id);
base::Result<core::Lead> EditLead(Connection& db, std::int64_t workspace_id,
                                  std::int64_t contact_id, const core::LeadChange& change,
                                  const std::string& user, base::TimePoint at);
base::Result<core::Lead> EditAnswer(Connection& db, std::int64_t workspace_id,
                                    std::int64_t contact_id, std::int64_t answer_id,
                                    const std::string& answer, const std::string& user,
                                    base::TimePoint at);
base::Result<core::LeadNote> AddNote(Connection& db, std::int64_t workspace_id,
                                     std::int64_t contact_id, const std::string& text,
                                     const std::string& user, base::TimePoint at);
base::Result<std::vector<core::LeadEdit>> ListLeadEdits(Connection& db, std::int64_t workspace_id,
                                                        std::int64_t contact_id);

}  // namespace store::sqlite
