#include "http/event_stream.h"

#include <gtest/gtest.h>

#include <atomic>

namespace http {
namespace {

TEST(FormatEventTest, WritesTypeIdAndOneDataLinePerLine) {
  EXPECT_EQ(FormatEvent({"hello", "", ""}), "data: hello\n\n");
  EXPECT_EQ(FormatEvent({"a\nb\r\nc\rd", "message", "42"}),
            "event: message\nid: 42\ndata: a\ndata: b\ndata: c\ndata: d\n\n");
  EXPECT_EQ(FormatEvent({"", "", ""}), "data: \n\n");
}

TEST(FormatEventTest, DropsLineBreaksFromTypeAndId) {
  EXPECT_EQ(FormatEvent({"x", "ty\npe", "1\r\n2"}), "event: type\nid: 12\ndata: x\n\n");
}

TEST(EventStreamTest, HandsOverQueuedEventsInOrder) {
  EventStream stream;
  ASSERT_TRUE(stream.Publish({"one", "", ""}));
  ASSERT_TRUE(stream.Publish({"two", "", ""}));
  EventStream::Pending p = stream.TakePending();
  EXPECT_EQ(p.bytes, "data: one\n\ndata: two\n\n");
  EXPECT_FALSE(p.closed);
  EXPECT_EQ(stream.TakePending().bytes, "");
}

TEST(EventStreamTest, NotifiesOnPublishAndClose) {
  EventStream stream;
  int calls = 0;
  stream.SetNotify([&calls] { ++calls; });
  ASSERT_TRUE(stream.Publish({"x", "", ""}));
  stream.Close();
  stream.Close();
  EXPECT_EQ(calls, 2);
}

TEST(EventStreamTest, CloseKeepsQueuedEventsAndRefusesNewOnes) {
  EventStream stream;
  ASSERT_TRUE(stream.Publish({"last", "", ""}));
  stream.Close();
  EXPECT_TRUE(stream.ended());
  EXPECT_FALSE(stream.Publish({"late", "", ""}));
  EventStream::Pending p = stream.TakePending();
  EXPECT_EQ(p.bytes, "data: last\n\n");
  EXPECT_TRUE(p.closed);
}

TEST(EventStreamTest, OverflowEndsTheStream) {
  EventStream stream(/*max_queued_events=*/2);
  EXPECT_TRUE(stream.Publish({"1", "", ""}));
  EXPECT_TRUE(stream.Publish({"2", "", ""}));
  EXPECT_FALSE(stream.Publish({"3", "", ""}));
  EXPECT_TRUE(stream.ended());
  EventStream::Pending p = stream.TakePending();
  EXPECT_EQ(p.bytes, "data: 1\n\ndata: 2\n\n");
  EXPECT_TRUE(p.closed);
}

TEST(EventStreamTest, DetachDropsTheQueueAndTheNotifier) {
  EventStream stream;
  int calls = 0;
  stream.SetNotify([&calls] { ++calls; });
  ASSERT_TRUE(stream.Publish({"x", "", ""}));
  stream.Detach();
  EXPECT_FALSE(stream.Publish({"y", "", ""}));
  stream.SetNotify([&calls] { calls += 100; });
  stream.Close();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(stream.TakePending().bytes, "");
}

}  // namespace
}  // namespace http
