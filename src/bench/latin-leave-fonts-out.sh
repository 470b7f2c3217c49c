#!/usr/bin/env bash
# The printed-Latin experiment of the closing note for issue 7: train on 27 families of the allowed
# Debian font packages, measure on 4 other allowed families the model never saw (isolated glyphs
# with eval --fold-case, and read against Tesseract on printed lines). Not the bundled model: a
# starting point for it. Needs the fonts (apt-get install fonts-dejavu-core fonts-dejavu-extra
# fonts-freefont-ttf fonts-liberation fonts-crosextra-carlito fonts-crosextra-caladea fonts-open-sans
# fonts-roboto fonts-lato fonts-cantarell fonts-linuxlibertine fonts-inconsolata fonts-hack
# fonts-firacode fonts-go fonts-sil-charis fonts-sil-gentium fonts-comic-neue fonts-courier-prime
# fonts-cmu fonts-oxygen fonts-quicksand fonts-jura) and tesseract-ocr. About 8 minutes on 2 cores.
#
#   mvn -q -B -ntp -DskipTests package test-compile
#   src/bench/latin-leave-fonts-out.sh [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${1:-/tmp/glyph-ocr-latin}
mkdir -p "$work"
glyph() { java --add-modules jdk.incubator.vector -jar target/glyph-ocr.jar "$@"; }
train_fonts=("DejaVu Sans" "DejaVu Serif" "DejaVu Sans Mono" "Liberation Sans" "Liberation Serif" "Liberation Mono"
  "Carlito" "Caladea" "Open Sans" "Lato" "Cantarell" "Linux Libertine O" "Linux Biolinum O" "Hack" "Fira Code" "Go" "Go Mono"
  "Charis SIL" "Gentium" "Comic Neue" "Courier Prime" "CMU Serif" "CMU Sans Serif" "CMU Typewriter Text" "Jura" "Quicksand"
  "Inconsolata")
test_fonts=("FreeSans" "FreeSerif" "Roboto" "Oxygen-Sans")
font_args() { for f in "$@"; do printf -- '--font\0%s\0' "$f"; done; }
if [ ! -d "$work/train" ]; then
  font_args "${train_fonts[@]}" | xargs -0 java --add-modules jdk.incubator.vector -jar target/glyph-ocr.jar synth \
    --chars latin,punctuation --sizes 20,28,40,56 --variants 4 --out "$work/train"
fi
if [ ! -d "$work/test" ]; then
  font_args "${test_fonts[@]}" | xargs -0 java --add-modules jdk.incubator.vector -jar target/glyph-ocr.jar synth \
    --chars latin,punctuation --sizes 24,40 --variants 3 --seed 9 --out "$work/test"
fi
glyph train --data "$work/train" --out "$work/latin.gocr" --hidden 1024,512 --activation relu --lr 0.05 --epochs 40 \
  --no-deskew --no-report --quiet --json >"$work/train.json"
glyph eval --model "$work/latin.gocr" --data "$work/test" --fold-case --json |
  python3 -c 'import json,sys; j=json.load(sys.stdin); print("isolated glyphs of unseen fonts: %.2f%% folded, %.2f%% strict" % (100*j["accuracy"], 100*j["accuracy_strict"]))'
python3 src/bench/read_vs_tesseract.py --model "$work/latin.gocr" $(for f in "${test_fonts[@]}"; do printf -- '--font %s ' "$f"; done) --lines-per-face 10
