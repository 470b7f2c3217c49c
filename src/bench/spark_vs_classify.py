#!/usr/bin/env python3
"""glyph-ocr-spark on local Spark against the single-machine `classify`, on the same glyph files
and the same cores.

Makes COUNT glyph files (default 100,000) by copying and augmenting testdata/mnist-7k
(src/bench/MakeGlyphs.java) unless the folder already holds them, then runs, alternately, ROUNDS
times each:

  classify:  java --add-modules jdk.incubator.vector -jar target/glyph-ocr.jar classify --threads 2 @LIST
  Spark:     src/spark/spark-submit-local.sh --master local[2] --class org.glyphocr.spark.RecognizeJob
                 src/spark/target/glyph-ocr-spark-VERSION-all.jar --input DIR --output OUT --format csv --json

Both are timed end to end (JVM start, Spark's start, listing, reading, recognizing, writing), and
the Spark job also reports its own time from listing to written. After every round, every Spark
row is checked against classify's line for the same file (label, and probability to classify's 4
decimals); a row that differs is printed.
Run from the repository's root after building both jars (`mvn -B -ntp verify`):

  /usr/bin/python3 src/bench/spark_vs_classify.py [--rounds 2] [--count 100000] [--glyphs /tmp/glyphs-100k]
"""
import argparse
import csv
import glob
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

CORES = 2


def run_timed(command, stdout_path):
    started = time.monotonic()
    with open(stdout_path, "w") as out, open(stdout_path + ".err", "w") as err:
        status = subprocess.run(command, stdout=out, stderr=err).returncode
    seconds = time.monotonic() - started
    if status not in (0, 1):  # classify exits 1 when some files are unreadable
        sys.exit(f"{' '.join(command)} failed with status {status}; see {stdout_path}.err")
    return seconds


def make_glyphs(folder, count):
    existing = sum(len(files) for _, _, files in os.walk(folder)) if os.path.isdir(folder) else 0
    if existing == count:
        return
    if existing:
        sys.exit(f"{folder} holds {existing} files, not {count}: remove it or choose another --glyphs")
    print(f"making {count:,} glyph files in {folder} ...", file=sys.stderr)
    subprocess.run(["java", "-cp", "target/glyph-ocr.jar", "src/bench/MakeGlyphs.java", "testdata/mnist-7k", folder, str(count)], check=True)


def classify_answers(path):
    """file -> (label, probability) from classify's lines."""
    answers = {}
    with open(path) as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            answers[fields[0]] = (fields[1], fields[2])
    return answers


def spark_answers(folder):
    """file -> (label, probability) in classify's spelling, from the job's CSV."""
    answers = {}
    for part in glob.glob(os.path.join(folder, "part-*.csv")):
        with open(part, newline="") as f:
            for row in csv.DictReader(f):
                path = row["path"][len("file:"):] if row["path"].startswith("file:") else row["path"]
                if row["error"]:
                    answers[path] = ("(error)", "")
                elif row["blank"] == "true":
                    answers[path] = ("(blank)", "0")
                else:
                    label = "(unknown)" if row["rejected"] == "true" else row["label"]
                    answers[path] = (label, "%.4f" % float(row["probability"]))
    return answers


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--glyphs", default="/tmp/glyphs-100k")
    args = parser.parse_args()

    version = re.search(r"<version>(.*?)</version>", open("pom.xml").read()).group(1)
    spark_jar = f"src/spark/target/glyph-ocr-spark-{version}-all.jar"
    for jar in ("target/glyph-ocr.jar", spark_jar):
        if not os.path.exists(jar):
            sys.exit(f"{jar} is missing: build both jars first with `mvn -B -ntp verify`")
    if (os.cpu_count() or CORES) < CORES:
        sys.exit(f"needs {CORES} cores")
    # Both get the same two cores on a larger machine.
    pin = ["taskset", "-c", f"0-{CORES - 1}"] if (os.cpu_count() or 0) > CORES and shutil.which("taskset") else []

    folder = os.path.abspath(args.glyphs)
    make_glyphs(folder, args.count)
    work = tempfile.mkdtemp(prefix="spark-vs-classify-")
    listing = os.path.join(work, "files.txt")
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(folder) for f in fs)
    with open(listing, "w") as f:
        f.write("\n".join(files) + "\n")

    classify = pin + ["java", "--add-modules", "jdk.incubator.vector", "-jar", "target/glyph-ocr.jar",
                      "classify", "--threads", str(CORES), "@" + listing]
    out = os.path.join(work, "spark-out")
    spark = pin + ["src/spark/spark-submit-local.sh", "--master", f"local[{CORES}]", "--class", "org.glyphocr.spark.RecognizeJob",
                   spark_jar, "--input", folder, "--output", out, "--format", "csv", "--json"]
    print("classify: " + " ".join(classify), file=sys.stderr)
    print("Spark:    " + " ".join(spark), file=sys.stderr)

    rounds = []
    differ = missing = errors = 0
    for r in range(args.rounds):
        timings = {}
        for name in (["classify", "spark"] if r % 2 == 0 else ["spark", "classify"]):
            if name == "spark":
                shutil.rmtree(out, ignore_errors=True)
                timings["spark"] = run_timed(spark, os.path.join(work, "spark.json"))
                timings["job"] = json.load(open(os.path.join(work, "spark.json")))["seconds"]
            else:
                timings["classify"] = run_timed(classify, os.path.join(work, "classify.tsv"))
        rounds.append(timings)
        print(f"round {r + 1}: classify {timings['classify']:.1f} s, Spark {timings['spark']:.1f} s (job {timings['job']:.1f} s)", file=sys.stderr)
        # Every round's answers, both sides, file by file.
        expected = classify_answers(os.path.join(work, "classify.tsv"))
        got = spark_answers(out)
        missing += len(set(files) - set(got))
        errors += sum(1 for v in got.values() if v[0] == "(error)")
        for f, v in sorted(got.items()):
            if v[0] != "(error)" and expected.get(f) != v:
                differ += 1
                print(f"round {r + 1}: {f}: classify {expected.get(f)}, Spark {v}", file=sys.stderr)

    n = len(files)
    print(f"\n{n:,} glyph files in {folder}, {CORES} cores, medians of {args.rounds} alternating rounds (glyphs/s):\n")
    print("| run | seconds | glyphs/s |")
    print("|---|---:|---:|")
    for name, key in (("classify --threads 2, end to end", "classify"), ("Spark local[2] via spark-submit, end to end", "spark"),
                      ("Spark job alone (listing to written)", "job")):
        seconds = statistics.median(t[key] for t in rounds)
        print(f"| {name} | {seconds:.1f} | {n / seconds:,.0f} |")
    ratio = statistics.median(t["classify"] / t["spark"] for t in rounds)
    job_ratio = statistics.median(t["classify"] / t["job"] for t in rounds)
    print(f"\nSpark / classify: {ratio:.2f} end to end, {job_ratio:.2f} for the job alone (median of the per-round ratios)")
    print(f"Spark's rate per core, job alone: {n / statistics.median(t['job'] for t in rounds) / CORES:,.0f} glyphs/s")
    print(f"answers, over all {args.rounds} rounds: {args.rounds * n - missing - errors - differ:,} rows as classify read them, "
          f"{differ} differ, {errors} errors, {missing} files without a row")
    shutil.rmtree(work)
    return 1 if differ or missing else 0


if __name__ == "__main__":
    sys.exit(main())
