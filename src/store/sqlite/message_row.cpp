#include "store/sqlite/message_row.h"

#include "store/record_codec.h"
#include "store/sqlite/enum_column.h"

namespace store::sqlite {

base::Result<core::Message> ReadMessage(const Query& q, int first, std::int64_t conversation_id) {
  auto author = EnumColumn<core::ParseAuthor>(q, first + 1, "author");
  if (!author.ok()) return author.error();
  auto delivery = EnumColumn<core::ParseDeliveryStatus>(q, first + 6, "delivery");
  if (!delivery.ok()) return delivery.error();
  auto attachment = OptionalEnumColumn<core::ParseAttachment>(q, first + 8, "attachment");
  if (!attachment.ok()) return attachment.error();
  std::optional<core::ModelRecord> model;
  if (!q.IsNull(first + 10)) {
    auto record = DecodeModelRecord(q.Text(first + 10));
    if (!record.ok()) return record.error();
    model = std::move(*record);
  }
  return core::Message{.id = q.Int64(first),
                       .conversation_id = conversation_id,
                       .author = *author,
                       .text = q.Text(first + 2),
                       .at = q.Time(first + 3),
                       .epoch = q.Int64(first + 4),
                       .provider_message_id = q.IsNull(first + 5) ? "" : q.Text(first + 5),
                       .delivery = *delivery,
                       .delivery_error = q.Text(first + 7),
                       .attachment = attachment->value_or(core::Attachment::kNone),
                       .user = q.IsNull(first + 9) ? "" : q.Text(first + 9),
                       .model = std::move(model)};
}

}  // namespace store::sqlite
