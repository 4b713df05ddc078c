#!/usr/bin/env python3
"""Builds context.md and questions.jsonl from deepset's COVID-QA files (see README.md).

usage: convert.py FAQ_CSV SIMILARITY_CSV OUT_DIR
  FAQ_CSV         data/faqs/faq_covidbert.csv
  SIMILARITY_CSV  data/eval_question_similarity_en.csv
"""
import csv
import json
import re
import sys

CDC = "Center for Disease Control and Prevention (CDC)"
# Every HELD_OUT_EVERY-th paraphrased FAQ is left out of the context: its questions are ones
# the context does not answer.
HELD_OUT_EVERY = 5


def clean(text):
    text = text.replace("external icon", "").replace("\u00a0", " ")
    paragraphs = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def main(faq_csv, similarity_csv, out_dir):
    csv.field_size_limit(1 << 30)
    faqs = []  # (question, answer), in the file's order
    seen = set()
    with open(faq_csv, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            question = " ".join(row["question"].split())
            if row["source"] != CDC or row["lang"] != "en" or question in seen:
                continue
            seen.add(question)
            faqs.append((question, clean(row["answer"])))

    paraphrases = {}  # FAQ question -> its paraphrases, in order, without repeats
    with open(similarity_csv, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["similar"] != "1":
                continue
            original = " ".join(row["question_1"].split())
            variant = " ".join(row["question_2"].split())
            found = paraphrases.setdefault(original, [])
            if variant not in found and variant != original:
                found.append(variant)

    held_out = set()
    for number, question in enumerate(q for q, _ in faqs if q in paraphrases):
        if number % HELD_OUT_EVERY == HELD_OUT_EVERY - 1:
            held_out.add(question)

    with open(f"{out_dir}/context.md", "w", encoding="utf-8") as out:
        out.write("# Questions and answers about COVID-19\n")
        for question, answer in faqs:
            if question not in held_out:
                out.write(f"\n## {question}\n\n{answer}\n")

    with open(f"{out_dir}/questions.jsonl", "w", encoding="utf-8") as out:
        for question, _ in faqs:
            answer = None if question in held_out else question
            lines = [("original", question)]
            lines += [("paraphrase", p) for p in paraphrases.get(question, [])]
            for kind, text in lines:
                record = {"text": text, "kind": kind, "language": "en", "answer": answer}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
