#!/usr/bin/env bash
# How the bundled latin model's recipe does on fonts it never saw: trains with the recipe of
# models/latin.gocr (models/latin-synth.args, models/latin-train.args) on the fonts of
# models/latin-fonts.args less four families (FreeSans, FreeSerif, Roboto, Oxygen Sans, and their
# monospaced siblings FreeMono and Oxygen Mono), then measures on those four:
#   - isolated glyphs, clean (the plain rendering at 20, 28 and 40 px) and degraded (blur, noise,
#     JPEG and up to ±2° of skew, no erosion, slant or specks), same-shape case pairs counted as
#     one (eval --fold-case);
#   - read on printed lines against Tesseract (src/bench/read_vs_tesseract.py).
# Needs the fonts of models/latin-fonts.args and tesseract-ocr (apt-get install ...; the packages
# are listed there). About 12 minutes on 2 cores.
#
# Options after WORK_DIR go to train after the recipe's and override them, to measure a variant of
# the recipe, e.g. its earlier, larger network: src/bench/latin-leave-fonts-out.sh /tmp/glyph-ocr-latin --hidden 1024,512 --epochs 40
# (the rendered sets in WORK_DIR are reused; its latin.gocr is trained anew).
#
#   mvn -q -B -ntp -DskipTests package test-compile
#   src/bench/latin-leave-fonts-out.sh [WORK_DIR [TRAIN_OPTION...]]
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${1:-/tmp/glyph-ocr-latin}
shift || true
mkdir -p "$work"
glyph() { java -jar target/glyph-ocr.jar "$@"; }
test_fonts=(--font FreeSans --font FreeSerif --font Roboto --font Oxygen-Sans)
grep -v -E '^--font "(Free|Roboto|Oxygen)' models/latin-fonts.args >"$work/train-fonts.args"
[ -d "$work/train" ] || glyph synth @"$work/train-fonts.args" @models/latin-synth.args --out "$work/train"
[ -d "$work/test-clean" ] || glyph synth "${test_fonts[@]}" --chars latin,punctuation --sizes 20,28,40 --variants 1 \
  --out "$work/test-clean"
[ -d "$work/test-degraded" ] || glyph synth "${test_fonts[@]}" --chars latin,punctuation --sizes 20,28,40 --variants 4 \
  --seed 9 --rotation 2 --ink-spread 0 --shear 0 --specks 0 --out "$work/test-degraded"
java --add-modules jdk.incubator.vector -jar target/glyph-ocr.jar train @models/latin-train.args "$@" --data "$work/train" \
  --out "$work/latin.gocr" --no-report --quiet --json >"$work/train.json"
for set in test-clean test-degraded; do
  # The degraded set's variant 0 of each glyph is its plain rendering, already in test-clean: left out.
  [ "$set" = test-degraded ] && find "$work/$set" -name '*-v0.png' -delete
  glyph eval --model "$work/latin.gocr" --data "$work/$set" --fold-case --json |
    python3 -c 'import json,sys; j=json.load(sys.stdin); print("%s: %.2f%% with case pairs folded, %.2f%% strict, %d glyphs" % (sys.argv[1], 100*j["accuracy"], 100*j["accuracy_strict"], j["samples"]))' "$set"
done
python3 src/bench/read_vs_tesseract.py --model "$work/latin.gocr" "${test_fonts[@]}"
