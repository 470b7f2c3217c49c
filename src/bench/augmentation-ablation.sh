#!/usr/bin/env bash
# Ablation of the training augmentations: what each one does on its own, and all together.
#
# Trains `train` with default settings except the augmentation on the digits drawn with a thick
# marker (MarkerAndPencil), and reads (1) the marker digits of its own held-out test split,
# (2) the same kind of digits drawn with a thin pencil, which training never saw, and (3) those
# pencil digits lighter, on shaded, grainy paper. Prints a Markdown table. Takes about 8 minutes
# on 2 cores.
#
#   mvn -q -B -ntp -DskipTests package test-compile
#   src/bench/augmentation-ablation.sh [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=target/glyph-ocr.jar
# With the SIMD kernels: the same results as without them, sooner (Java warns once per run on stderr).
java() { command java --add-modules jdk.incubator.vector "$@"; }
work=${1:-/tmp/glyph-ocr-ablation}
mkdir -p "$work"
if [ ! -d "$work/strokes/pencil-on-paper" ]; then
  java -cp "$jar:target/test-classes" org.glyphocr.MarkerAndPencil testdata/mnist-7k "$work/strokes"
fi
off="--rotation 0 --scaling 0 --shear 0 --translate 0 --elastic-alpha 0 --stroke-change 0 --blur 0 --noise 0 --specks 0"
declare -a names=(
  "none"
  "rotation"
  "scaling"
  "shear"
  "translation"
  "elastic"
  "stroke width"
  "blur"
  "noise and specks"
  "all (default)"
)
declare -a args=(
  "--no-augment"
  "$off --rotation 12"
  "$off --scaling 0.15"
  "$off --shear 0.3"
  "$off --translate 0.1"
  "$off --elastic-alpha 1.7"
  "$off --stroke-change 2"
  "$off --blur 0.7"
  "$off --noise 0.05 --specks 0.1"
  ""
)
accuracy() { python3 -c 'import json,sys; print("%.2f" % (100 * json.load(sys.stdin)["accuracy"]))'; }
echo "| augmentation | marker test split | pencil (unseen style) | pencil on paper | train seconds |"
echo "|---|---:|---:|---:|---:|"
for i in "${!names[@]}"; do
  model="$work/model-$i.gocr"
  # shellcheck disable=SC2086
  summary=$(java -jar "$jar" train --data "$work/strokes/marker" --out "$model" --no-report --quiet --json ${args[$i]})
  seconds=$(echo "$summary" | python3 -c 'import json,sys; print("%.0f" % json.load(sys.stdin)["train_seconds"])')
  own=$(java -jar "$jar" eval --model "$model" --data "$work/strokes/marker" --split test --json | accuracy)
  pencil=$(java -jar "$jar" eval --model "$model" --data "$work/strokes/pencil" --json | accuracy)
  paper=$(java -jar "$jar" eval --model "$model" --data "$work/strokes/pencil-on-paper" --json | accuracy)
  echo "| ${names[$i]} | $own% | $pencil% | $paper% | $seconds |"
done
