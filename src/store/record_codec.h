// JSON columns of store rows: a notification's last messages and answers, a product's attributes,
// the values of a lead edit.
//
// Encoders never fail (invalid UTF-8 is stored with U+FFFD replacements); decoders return
// kInternal for malformed text, which only a corrupt store holds.
#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "core/contact.h"
#include "core/crm.h"
#include "core/message.h"
#include "core/product.h"

namespace store {

// ["customer: hi", ...] (also labels)
std::string EncodeStrings(const std::vector<std::string>& strings);
base::Result<std::vector<std::string>> DecodeStrings(const std::string& json);

// [{"question_index": 0, "question": "...", "label": "...", "answer": "...", "at_ms": 1,
//   "source_message_id": 7 or null}, ...]
std::string EncodeAnswers(const std::vector<core::QualificationAnswer>& answers);
base::Result<std::vector<core::QualificationAnswer>> DecodeAnswers(const std::string& json);

// null, "a text" or ["a", "list"]
std::string EncodeLeadValue(const core::LeadValue& value);
base::Result<core::LeadValue> DecodeLeadValue(const std::string& json);

// {"model": "...", "prompt_tokens": 1, "completion_tokens": 1, "latency_ms": 1, "attempts": 1,
//  "fallback": ""}
std::string EncodeModelRecord(const core::ModelRecord& record);
base::Result<core::ModelRecord> DecodeModelRecord(const std::string& json);

// [{"name": "size", "value": "M"}, ...] in file column order
std::string EncodeAttributes(const std::vector<core::ProductAttribute>& attributes);
base::Result<std::vector<core::ProductAttribute>> DecodeAttributes(const std::string& json);

}  // namespace store
