#include "runtime/reply_pool.h"

#include <string>

namespace runtime {
namespace {

// Seconds: from a millisecond to two minutes (a slow model, retried).
const std::vector<double> kReplyBuckets = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                           0.5,   1,     2.5,  5,     10,   30,  120};

}  // namespace

struct ReplyPool::Counters {
  explicit Counters(base::Metrics& m)
      : replies(m.AddCounterFamily("replies_total", "Replies due, by result.", {"result"})),
        answered(replies.WithLabels({"answered"})),
        settled(replies.WithLabels({"settled"})),
        failed(replies.WithLabels({"failed"})),
        proposals(m.AddCounter("reply_proposals_total", "Brain calls made for replies.")),
        discarded(m.AddCounter("reply_proposals_discarded_total",
                               "Proposals dropped: a person acted or a newer customer message "
                               "arrived while the brain ran.")),
        latency(m.AddHistogram("reply_seconds", "From a reply due to its decision committed.",
                               kReplyBuckets)) {}
  base::CounterFamily& replies;
  base::Counter& answered;
  base::Counter& settled;
  base::Counter& failed;
  base::Counter& proposals;
  base::Counter& discarded;
  base::Histogram& latency;
};

ReplyPool::ReplyPool(core::Store& store, Engine& engine, const base::Clock& clock,
                     ReplyPoolSettings settings, Log log, base::Metrics& metrics)
    : store_(store),
      engine_(engine),
      clock_(clock),
      settings_(settings),
      log_(std::move(log)),
      counters_(std::make_unique<Counters>(metrics)),
      dispatcher_([this] { return Dispatch(); }, settings.poll) {}

ReplyPool::~ReplyPool() { Stop(); }

void ReplyPool::Start() {
  for (int i = 0; i < settings_.workers; ++i) workers_.emplace_back([this] { Work(); });
  dispatcher_.Start();
}

void ReplyPool::Wake() { dispatcher_.Wake(); }

bool ReplyPool::Dispatch() {
  const base::TimePoint now = clock_.Now();
  std::size_t skip = 0;  // due replies that cannot be queued now: held or waiting
  std::size_t free = 0;
  std::uint64_t read_from = 0;  // completions this read will see
  {
    std::lock_guard lock(mutex_);
    read_from = finish_count_;
    std::erase_if(retry_at_, [&](const auto& r) { return r.second <= now; });
    skip = in_flight_.size() + retry_at_.size();
    free = static_cast<std::size_t>(settings_.workers) -
           std::min<std::size_t>(in_flight_.size(), settings_.workers);
  }
  if (free == 0) return false;  // a finishing worker wakes the dispatcher
  auto due = store_.ClaimTimers(core::TimerKind::kReply, now, skip + free, now + settings_.lease);
  if (!due.ok()) {
    log_("replies: " + due.error().message);
    return false;
  }
  std::size_t queued = 0;
  {
    std::lock_guard lock(mutex_);
    // Answered while the read ran: the row it read may be gone since.
    const auto answered_meanwhile = [&](std::int64_t id) {
      const auto it = finished_.find(id);
      return it != finished_.end() && it->second > read_from;
    };
    // Every claimed reply not held here is queued: a store with leases returns none held here,
    // and one it returned but did not queue would wait for its lease to end.
    for (const core::DueTimer& t : *due) {
      if (in_flight_.contains(t.conversation_id) || retry_at_.contains(t.conversation_id) ||
          answered_meanwhile(t.conversation_id)) {
        continue;
      }
      in_flight_.insert(t.conversation_id);
      queue_.push_back(t);
      ++queued;
    }
    // What finished before this read began, the read saw.
    std::erase_if(finished_, [&](const auto& f) { return f.second <= read_from; });
  }
  if (queued > 0) work_.notify_all();
  // A full batch means more may be due.
  return queued > 0 && due->size() == skip + free;
}

void ReplyPool::Work() {
  while (true) {
    core::DueTimer job;
    {
      std::unique_lock lock(mutex_);
      work_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = queue_.front();
      queue_.pop_front();
    }
    auto replied = engine_.Reply(job.workspace_id, job.conversation_id);
    const base::TimePoint done = clock_.Now();
    {
      std::lock_guard lock(mutex_);
      in_flight_.erase(job.conversation_id);
      finished_[job.conversation_id] = ++finish_count_;
      if (!replied.ok()) retry_at_[job.conversation_id] = done + settings_.retry_delay;
    }
    if (replied.ok()) {
      (replied->decision.messages.empty() ? counters_->settled : counters_->answered).Increment();
      counters_->proposals.Increment(static_cast<std::uint64_t>(replied->proposals));
      counters_->discarded.Increment(static_cast<std::uint64_t>(replied->discarded));
      counters_->latency.Observe(std::chrono::duration<double>(done - job.due_at).count());
    } else {
      counters_->failed.Increment();
      log_("replies: conversation " + std::to_string(job.conversation_id) +
           " not answered yet: " + replied.error().message);
    }
    dispatcher_.Wake();  // a worker is free, and the conversation may be due again
  }
}

void ReplyPool::Stop() {
  dispatcher_.Stop();
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_.notify_all();
  for (std::thread& t : workers_) {
    if (t.joinable()) t.join();
  }
  workers_.clear();
}

}  // namespace runtime
