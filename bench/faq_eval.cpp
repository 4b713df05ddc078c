// faq_eval: how many FAQ questions the local brain answers right from a business context, against
// a plain BM25 retriever over the same context's passages.
//
//   faq_eval --context FILE --questions FILE [--parts-of CHARS] [--check]
//            [--min-right N --min-precision P] [--misses]
//
// The questions are JSON lines {"text", "kind", "language", "answer"}: `answer` is the heading of
// the context passage that answers the question, or null when the context does not answer it.
// - The local brain answers as it answers customers (LocalBrain::Propose: an answer from the
//   context, with no handoff); the passage it quotes is brain::Retrieve's, the same search.
// - BM25 indexes each passage of the context (heading and body, analyzed as documents), searches
//   the question's terms (stemmed in its detected language) and always answers with the top one.
// An answer is right when its passage sits under the expected heading. For reference, the table
// is followed by the most BM25 gets right with a score threshold at which it is right at least 3
// times in 4 (the threshold is chosen on the same questions: the best case for BM25).
// With --parts-of, the context is cut into parts of at most CHARS characters (whole passages,
// each part with the context's first lines), as a workspace's context is limited in size
// (core::kMaxBusinessContextChars): each question is asked of the part holding its passage, the
// ones the context does not answer of each part in turn. Both sides see the same parts.
// With --check the exit code is 1 unless the local brain has more right answers than BM25 and a
// precision of at least 0.75; with --min-right and --min-precision, unless it reaches them.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "brain/local/language.h"
#include "brain/local/local_brain.h"
#include "brain/local/passage.h"
#include "brain/local/reading.h"
#include "text/analyzer.h"
#include "text/bm25_index.h"

namespace {

constexpr double kMinPrecision = 0.75;

struct Question {
  std::string text;
  std::string kind;
  std::string language;
  std::optional<std::string> answer;  // the expected passage's heading
};

struct Tally {
  int questions = 0;
  int answered = 0;
  int right = 0;
  void Add(const std::optional<std::string>& chosen, const Question& q) {
    if (!chosen) return;
    ++answered;
    if (q.answer && *chosen == *q.answer) ++right;
  }
};

struct Row {
  Tally local;
  Tally bm25;
};

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

std::optional<std::vector<Question>> ReadQuestions(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::vector<Question> questions;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("text")) return std::nullopt;
    Question q{j.at("text"), j.value("kind", ""), j.value("language", ""), std::nullopt};
    if (j.contains("answer") && j.at("answer").is_string()) q.answer = j.at("answer");
    questions.push_back(std::move(q));
  }
  return questions;
}

// `context` cut before its "## " headings into parts of at most `max_chars` (a passage longer
// than that is a part of its own), each part starting with what precedes the first heading.
std::vector<std::string> CutContext(const std::string& context, std::size_t max_chars) {
  std::vector<std::size_t> starts;
  for (std::size_t at = context.find("\n## "); at != std::string::npos;
       at = context.find("\n## ", at + 1)) {
    starts.push_back(at + 1);
  }
  if (starts.empty()) return {context};
  const std::string head = context.substr(0, starts.front());
  starts.push_back(context.size());
  std::vector<std::string> parts;
  std::string part = head;
  for (std::size_t i = 0; i + 1 < starts.size(); ++i) {
    const std::string passage = context.substr(starts[i], starts[i + 1] - starts[i]);
    if (part.size() > head.size() && part.size() + passage.size() > max_chars) {
      parts.push_back(std::move(part));
      part = head;
    }
    part += passage;
  }
  parts.push_back(std::move(part));
  return parts;
}

// The plain baseline: BM25 over the context's passages, the top one always answers.
class PlainBm25 {
 public:
  PlainBm25(const text::Analyzer& analyzer, std::vector<brain::Passage> passages)
      : analyzer_(analyzer), passages_(std::move(passages)) {
    for (const brain::Passage& p : passages_) {
      const std::vector<std::string> terms = analyzer_.DocumentTerms(p.heading + "\n" + p.body);
      const text::Bm25Field fields[] = {{terms, 1.0}};
      index_.Add(fields);
    }
  }

  struct Top {
    std::string heading;
    double score = 0;
  };
  std::optional<Top> Answer(const std::string& question) const {
    const text::Language language = brain::StemLanguage(brain::Analyze(question).language);
    const std::vector<std::string> terms = analyzer_.QueryTerms(question, language);
    const std::vector<text::Bm25Hit> hits = index_.Search(terms, 1);
    if (hits.empty()) return std::nullopt;
    return Top{passages_[hits.front().doc].heading, hits.front().score};
  }

 private:
  const text::Analyzer& analyzer_;
  std::vector<brain::Passage> passages_;
  text::Bm25Index index_;
};

// The heading of the passage the local brain answers `question` from, or nullopt when it would
// not answer from the context.
std::optional<std::string> LocalAnswer(const brain::LocalBrain& local,
                                       const std::string& question) {
  core::BrainInput input;
  input.customer_messages = {question};
  const auto proposal = local.Propose(input);
  if (!proposal.ok() || !proposal->answered || proposal->handoff) return std::nullopt;
  const auto found = brain::Retrieve(local.knowledge(), question);
  if (!found || found->passage == nullptr) return std::string();  // answered, not from a passage
  return found->passage->heading;
}

double Share(int part, int whole) { return whole == 0 ? 0.0 : static_cast<double>(part) / whole; }

void PrintRow(const std::string& name, const Row& row) {
  const auto cells = [](const Tally& t) {
    char text[96];
    std::snprintf(text, sizeof text, "%d | %d | %.3f | %.3f", t.answered, t.right,
                  Share(t.right, t.answered), Share(t.right, t.questions));
    return std::string(text);
  };
  std::printf("| %s | %d | %s | %s |\n", name.c_str(), row.local.questions,
              cells(row.local).c_str(), cells(row.bm25).c_str());
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("The local brain against plain BM25 on FAQ questions");
  std::string context_path;
  std::string questions_path;
  bool check = false;
  bool misses = false;
  int min_right = 0;
  double min_precision = 0;
  std::size_t parts_of = 0;
  app.add_option("--context", context_path, "business context file")->required();
  app.add_option("--questions", questions_path, "questions, JSON lines")->required();
  app.add_option("--parts-of", parts_of,
                 "cut the context into parts of at most this many characters, as workspaces hold");
  app.add_flag("--check", check, "exit 1 unless local right > BM25 right and precision >= 0.75");
  app.add_option("--min-right", min_right, "exit 1 when the local brain has fewer right answers");
  app.add_option("--min-precision", min_precision, "exit 1 when its precision is lower");
  app.add_flag("--misses", misses, "print each question the local brain gets wrong or skips");
  CLI11_PARSE(app, argc, argv);

  const auto context = ReadFile(context_path);
  const auto questions = ReadQuestions(questions_path);
  if (!context || !questions) {
    std::fprintf(stderr, "faq_eval: cannot read '%s'\n",
                 (context ? questions_path : context_path).c_str());
    return 2;
  }
  auto analyzer = text::Analyzer::Create();
  if (!analyzer.ok()) {
    std::fprintf(stderr, "faq_eval: the stemmers are missing\n");
    return 2;
  }
  // Each part of the context with both sides over it, and the headings it holds.
  struct Part {
    std::unique_ptr<brain::LocalBrain> local;
    std::unique_ptr<PlainBm25> bm25;
    std::vector<std::string> headings;
  };
  std::vector<Part> parts;
  for (const std::string& text :
       parts_of > 0 ? CutContext(*context, parts_of) : std::vector<std::string>{*context}) {
    core::AgentConfig config;
    config.business_context = text;
    auto local = brain::LocalBrain::Create(config, core::Catalog{});
    if (!local.ok()) {
      std::fprintf(stderr, "faq_eval: %s\n", local.error().message.c_str());
      return 2;
    }
    std::vector<brain::Passage> passages = brain::SplitPassages(text);
    std::vector<std::string> headings;
    for (const brain::Passage& passage : passages) headings.push_back(passage.heading);
    parts.push_back({std::move(*local), std::make_unique<PlainBm25>(*analyzer, std::move(passages)),
                     std::move(headings)});
  }
  // The part a question is asked of.
  std::size_t unanswerable = 0;
  const auto part_of = [&](const Question& q) -> const Part& {
    if (q.answer) {
      for (const Part& part : parts) {
        if (std::find(part.headings.begin(), part.headings.end(), *q.answer) !=
            part.headings.end()) {
          return part;
        }
      }
    }
    return parts[unanswerable++ % parts.size()];
  };

  std::map<std::string, Row> rows;  // "language, kind" and "language, all"
  Row total;
  std::vector<std::pair<double, bool>> bm25_scores;  // the top score, and whether it is right
  for (const Question& q : *questions) {
    const Part& part = part_of(q);
    const auto mine = LocalAnswer(*part.local, q.text);
    const auto top = part.bm25->Answer(q.text);
    const std::optional<std::string> plain =
        top ? std::optional<std::string>(top->heading) : std::nullopt;
    if (top) bm25_scores.emplace_back(top->score, q.answer && top->heading == *q.answer);
    const std::string kind =
        q.answer ? q.kind + ", answered by the context" : "not answered by the context";
    for (Row* row : {&rows[q.language + " | " + kind], &rows[q.language + " | all"], &total}) {
      ++row->local.questions;
      ++row->bm25.questions;
      row->local.Add(mine, q);
      row->bm25.Add(plain, q);
    }
    if (misses && (mine ? !q.answer || *mine != *q.answer : q.answer.has_value())) {
      std::printf("miss: %s\n  expected: %s\n  local: %s\n  bm25: %s\n", q.text.c_str(),
                  q.answer.value_or("(none)").c_str(), mine.value_or("(none)").c_str(),
                  plain.value_or("(none)").c_str());
    }
  }

  std::printf(
      "| language | questions | count | local answered | local right | local precision "
      "| local coverage | BM25 answered | BM25 right | BM25 precision | BM25 coverage |\n");
  std::printf("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
  for (const auto& [name, row] : rows) PrintRow(name, row);
  PrintRow("all | all", total);

  // BM25 answering only above a threshold: the lowest one at which it is right 3 times in 4.
  std::sort(bm25_scores.begin(), bm25_scores.end(), std::greater<>());
  int best_right = 0;
  int best_answered = 0;
  double threshold = 0;
  int right = 0;
  for (std::size_t i = 0; i < bm25_scores.size(); ++i) {
    right += bm25_scores[i].second ? 1 : 0;
    const int answered = static_cast<int>(i) + 1;
    const bool tie = i + 1 < bm25_scores.size() && bm25_scores[i + 1].first == bm25_scores[i].first;
    if (!tie && Share(right, answered) >= kMinPrecision && right > best_right) {
      best_right = right, best_answered = answered, threshold = bm25_scores[i].first;
    }
  }
  std::printf(
      "\nBM25 with a threshold (score >= %.2f, chosen on these questions): %d answered, %d right\n",
      threshold, best_answered, best_right);

  const double precision = Share(total.local.right, total.local.answered);
  const bool holds = total.local.right > total.bm25.right && precision >= kMinPrecision;
  std::printf("local right %d vs BM25 right %d; local precision %.3f (at least %.2f): %s\n",
              total.local.right, total.bm25.right, precision, kMinPrecision,
              holds ? "target met" : "target NOT met");
  if (check && !holds) return 1;
  if (total.local.right < min_right || precision < min_precision) {
    std::printf("below the floor: right %d (at least %d), precision %.3f (at least %.3f)\n",
                total.local.right, min_right, precision, min_precision);
    return 1;
  }
  return 0;
}
