#!/usr/bin/env python3
"""glyph-ocr `read` against Tesseract 5 on the same printed lines: character error rate and lines per second.

Lines come from `org.glyphocr.synth.PrintedLines` (test sources): clean and degraded (blur, noise,
JPEG, ±1.5° skew) renderings of random text in the fonts given, which should be fonts the model never
saw. Both readers run on one thread, in the same run, alternately: each round times glyph-ocr,
Tesseract per line and Tesseract over the list on one set, and each speed is the median over the
rounds, so that a burst of other work on a shared machine does not decide the ratio:

    mvn -q -B -ntp -DskipTests package test-compile
    python3 src/bench/read_vs_tesseract.py --model latin.gocr --font FreeSans --font Roboto [--lines-per-face 25] [--rounds 3]

glyph-ocr reads each set in one JVM (`read --out`), so its figure includes the JVM's start, the
model's loading and the JIT's warm-up once per set. Tesseract (OMP_THREAD_LIMIT=1) is timed two
ways: started once per line (`tesseract IMAGE stdout --psm 7`), as a command-line user runs it
and as the issue's reference of about 0.1 s a line was taken, and started once per set over a list
of the images (`tesseract LIST stdout --psm 7`), which leaves its recognition time alone. The
error rate is Tesseract's per-line output. Prints a Markdown table; `--json` one JSON object.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def levenshtein(a, b):
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def cer(outputs, truths):
    errors = sum(levenshtein(o, t) for o, t in zip(outputs, truths))
    return errors / max(1, sum(len(t) for t in truths))


def read_glyph_ocr(model, images, work):
    out = work / "glyph-ocr"
    start = time.perf_counter()
    subprocess.run(["java", "-XX:ActiveProcessorCount=1", "-jar", str(ROOT / "target/glyph-ocr.jar"), "read", "--model", model,
                    "--out", str(out), *map(str, images)], check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    return [(out / (p.stem + ".txt")).read_text(encoding="utf-8").strip() for p in images], seconds


def read_tesseract(images):
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    texts = []
    start = time.perf_counter()
    for p in images:
        r = subprocess.run(["tesseract", str(p), "stdout", "--psm", "7"], capture_output=True, text=True, env=env, check=True)
        texts.append(r.stdout.strip())
    return texts, time.perf_counter() - start


def read_tesseract_listed(images, work):
    """Tesseract once over a list of the images; returns its seconds (the texts are those of read_tesseract)."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    listing = work / "images.txt"
    listing.write_text("".join(f"{p}\n" for p in images), encoding="utf-8")
    start = time.perf_counter()
    r = subprocess.run(["tesseract", str(listing), "stdout", "--psm", "7"], capture_output=True, text=True, env=env, check=True)
    seconds = time.perf_counter() - start
    pages = r.stdout.split("\f")
    if len(pages) < len(images):
        raise RuntimeError(f"tesseract read {len(pages)} of {len(images)} listed images")
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="model file or bundled name for glyph-ocr read")
    parser.add_argument("--font", action="append", required=True, help="font file or installed family (repeat)")
    parser.add_argument("--lines-per-face", type=int, default=25)
    parser.add_argument("--rounds", type=int, default=3, help="timings per reader and set; each speed is their median")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="read-bench-") as tmp:
        work = Path(tmp)
        subprocess.run(["java", "-cp", f"{ROOT}/target/glyph-ocr.jar:{ROOT}/target/test-classes", "org.glyphocr.synth.PrintedLines",
                        str(work / "lines"), str(args.lines_per_face), *args.font], check=True)
        rows = {}
        for kind in ("clean", "degraded"):
            images = sorted((work / "lines" / kind).glob("*.png"))
            truths = [p.with_suffix(".txt").read_text(encoding="utf-8").strip() for p in images]
            (work / kind).mkdir(parents=True, exist_ok=True)
            timings = {"ours": [], "theirs": [], "listed": []}
            for _ in range(args.rounds):
                ours, seconds = read_glyph_ocr(args.model, images, work / kind)
                timings["ours"].append(seconds)
                theirs, seconds = read_tesseract(images)
                timings["theirs"].append(seconds)
                timings["listed"].append(read_tesseract_listed(images, work / kind))
            our_seconds, their_seconds, listed_seconds = (statistics.median(timings[k]) for k in ("ours", "theirs", "listed"))
            rows[kind] = {
                "lines": len(images),
                "glyph_ocr_cer": cer(ours, truths),
                "tesseract_cer": cer(theirs, truths),
                "glyph_ocr_lines_per_second": len(images) / our_seconds,
                "tesseract_lines_per_second": len(images) / their_seconds,
                "tesseract_listed_lines_per_second": len(images) / listed_seconds,
                "rounds": args.rounds,
                "seconds": timings,
            }
        if args.json:
            print(json.dumps(rows))
            return
        print("| lines | n | glyph-ocr CER | Tesseract CER | glyph-ocr lines/s | Tesseract lines/s, per line | ratio "
              "| Tesseract lines/s, listed | ratio |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for kind, r in rows.items():
            ours = r["glyph_ocr_lines_per_second"]
            print(f"| {kind} | {r['lines']} | {100 * r['glyph_ocr_cer']:.2f}% | {100 * r['tesseract_cer']:.2f}% | {ours:.1f} | "
                  f"{r['tesseract_lines_per_second']:.1f} | {ours / r['tesseract_lines_per_second']:.1f}x | "
                  f"{r['tesseract_listed_lines_per_second']:.1f} | {ours / r['tesseract_listed_lines_per_second']:.1f}x |")


if __name__ == "__main__":
    sys.exit(main())
