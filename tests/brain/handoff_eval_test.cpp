// Precision, recall and F1 of Analyze(text).handoff on the handoff development data:
// NLU++ (Casanueva et al., 2022) and Multi3NLU++ (Moghe et al., 2023), PolyAI, CC BY 4.0.
// The files live next to the checkout (FRONTDESK_SOURCE_DIR/../shared/data/handoff-dev/); the test
// is skipped when they are absent.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "brain/local/reading.h"

namespace brain {
namespace {

constexpr double kMinF1 = 0.85;

struct Example {
  std::string text;
  bool handoff = false;
};

// The value of the JSON string field `key` in `line`: only the escapes the data uses (\" \\ \/
// \n \t \uXXXX for the Basic Multilingual Plane).
std::optional<std::string> StringField(const std::string& line, const std::string& key) {
  const std::string start = "\"" + key + "\": \"";
  std::size_t pos = line.find(start);
  if (pos == std::string::npos) return std::nullopt;
  pos += start.size();
  std::string out;
  while (pos < line.size() && line[pos] != '"') {
    char c = line[pos++];
    if (c != '\\' || pos >= line.size()) {
      out.push_back(c);
      continue;
    }
    c = line[pos++];
    constexpr std::size_t kHexDigits = 4;
    if (c == 'n') {
      out.push_back('\n');
    } else if (c == 't') {
      out.push_back('\t');
    } else if (c == 'u' && pos + kHexDigits <= line.size()) {
      const auto cp = static_cast<unsigned>(std::stoul(line.substr(pos, kHexDigits), nullptr, 16));
      pos += kHexDigits;
      if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
      } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      } else {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      }
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::vector<Example> Load(const std::filesystem::path& path) {
  std::vector<Example> examples;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const auto text = StringField(line, "text");
    if (!text) continue;
    examples.push_back({*text, line.find("\"handoff\": true") != std::string::npos});
  }
  return examples;
}

struct Score {
  int tp = 0, fp = 0, fn = 0, tn = 0;
  double Precision() const { return tp + fp == 0 ? 0 : static_cast<double>(tp) / (tp + fp); }
  double Recall() const { return tp + fn == 0 ? 0 : static_cast<double>(tp) / (tp + fn); }
  double F1() const {
    const double p = Precision(), r = Recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
};

// Scores `examples`; prints the misses when FRONTDESK_EVAL_VERBOSE is set.
Score Evaluate(const std::vector<Example>& examples, bool with_frustration) {
  const bool verbose = std::getenv("FRONTDESK_EVAL_VERBOSE") != nullptr;
  Score s;
  for (const Example& e : examples) {
    const Reading r = Analyze(e.text);
    const bool predicted = r.handoff || (with_frustration && r.frustration);
    if (predicted && e.handoff) ++s.tp;
    if (predicted && !e.handoff) ++s.fp;
    if (!predicted && e.handoff) ++s.fn;
    if (!predicted && !e.handoff) ++s.tn;
    if (verbose && predicted != e.handoff) {
      std::printf("  %s%s: %s\n", predicted ? "FP" : "FN", with_frustration ? "+f" : "",
                  e.text.c_str());
    }
  }
  return s;
}

TEST(HandoffEvalTest, F1PerLanguageReachesTheBar) {
  const std::filesystem::path dir =
      std::filesystem::path(FRONTDESK_SOURCE_DIR) / ".." / "shared" / "data" / "handoff-dev";
  const std::pair<const char*, const char*> files[] = {{"en", "nlupp-en-folds0-9.jsonl"},
                                                       {"es", "nlupp-es-folds0-9.jsonl"}};
  if (!std::filesystem::exists(dir / files[0].second)) {
    GTEST_SKIP() << "handoff development data not found in " << dir.string();
  }
  std::printf(
      "NLU++ (Casanueva et al., 2022) and Multi3NLU++ (Moghe et al., 2023), PolyAI, "
      "CC BY 4.0\n");
  std::printf("| lang | signal | n | pos | TP | FP | FN | precision | recall | F1 |\n");
  std::printf("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
  for (const auto& [language, file] : files) {
    const std::vector<Example> examples = Load(dir / file);
    ASSERT_FALSE(examples.empty()) << file;
    for (const bool with_frustration : {false, true}) {
      const Score s = Evaluate(examples, with_frustration);
      std::printf("| %s | %s | %zu | %d | %d | %d | %d | %.3f | %.3f | %.3f |\n", language,
                  with_frustration ? "handoff or frustration" : "handoff", examples.size(),
                  s.tp + s.fn, s.tp, s.fp, s.fn, s.Precision(), s.Recall(), s.F1());
      if (!with_frustration) {
        EXPECT_GE(s.F1(), kMinF1) << language;
      }
    }
  }
}

}  // namespace
}  // namespace brain
