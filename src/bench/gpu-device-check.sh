#!/usr/bin/env bash
# The GPU backend's checks in one call to a machine with an NVIDIA GPU but no Java, such as the
# H100/H200 machines of the `device` tool: the GPU tests on both matrix-product paths, and the
# benchmark's GPU column beside the CPU on the same machine.
#
# Here, with JDK 17 and Maven (about a minute; writes .gpu-check/, git-ignored, about 33 MB):
#   src/bench/gpu-device-check.sh prepare
# There, from the repository root, with .gpu-check carried along (about 5 minutes):
#   src/bench/gpu-device-check.sh run "$OUT"
# It writes tests.txt, the JUnit XML reports and bench.tsv (one line per backend and shape,
# the bench --json figures) to the output folder.
#
# The cuBLAS path runs through the test-only libcublas.so.12 forwarder
# (src/test/native/build-cublas12-forwarder.sh) where only CUDA 13's libcublas.so.13 exists.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=.gpu-check
junit_version=1.14.1

prepare() {
  mvn -q -B -ntp -DskipTests package test-compile
  mvn -q -B -ntp dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:$junit_version \
    -DoutputDirectory="$work" -Dmdep.stripVersion=true
  rm -rf "$work/jre" "$work/test-classes"
  # Uncompressed modules, then xz: a third smaller than jlink's own compression. jdk.zipfs: JUnit's
  # package scan opens the jar as a file system (without it, a warning and a stack trace).
  jlink --add-modules java.base,java.desktop,java.logging,java.management,jdk.incubator.vector,jdk.zipfs \
    --strip-debug --no-man-pages --no-header-files --output "$work/jre"
  tar -C "$work" -cf - jre | xz -9 -T2 >"$work/jre.tar.xz"
  rm -rf "$work/jre"
  cp target/glyph-ocr.jar "$work/"
  cp -r target/test-classes "$work/test-classes"
  du -sh "$work" >&2
}

run() {
  local out=${1:-/tmp/gpu-check}
  mkdir -p "$out"
  nvidia-smi -L || echo "nvidia-smi: no GPU listed" >&2
  [ -x "$work/jre/bin/java" ] || python3 -c "import tarfile; tarfile.open('$work/jre.tar.xz').extractall('$work')"
  local java="$work/jre/bin/java --add-modules jdk.incubator.vector"
  local cuda_lib=/usr/local/cuda/targets/x86_64-linux/lib
  src/test/native/build-cublas12-forwarder.sh "$work/cublas12" || echo "no forwarder: the cuBLAS path will be skipped" >&2
  local with_cublas="$work/cublas12:$cuda_lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

  LD_LIBRARY_PATH=$with_cublas $java -jar "$work/junit-platform-console-standalone.jar" execute \
    --class-path "$work/glyph-ocr.jar:$work/test-classes" \
    --select-package org.glyphocr.backend.gpu --select-class org.glyphocr.backend.BackendsTest \
    --details=tree --disable-banner --reports-dir "$out/junit" 2>&1 | tee "$out/tests.txt" || true

  printf 'backend\tpath\tshape\tbatch\ttrain_samples_per_second\tinfer_glyphs_per_second\tdescription\n' >"$out/bench.tsv"
  local spec shape batch
  for spec in "400-256-256-10 64" "400-256-256-10 256" "400-1024-1024-62 256" "400-2048-2048-500 1024"; do
    read -r shape batch <<<"$spec"
    bench_line "$out" cpu "1 thread" "" "$shape" "$batch" --threads 1
    bench_line "$out" gpu "own kernel" "${LD_LIBRARY_PATH:-}" "$shape" "$batch"
    bench_line "$out" gpu "cuBLAS" "$with_cublas" "$shape" "$batch"
  done
  cat "$out/bench.tsv"
}

# One bench run, appended to bench.tsv as a line of its --json figures.
bench_line() {
  local out=$1 backend=$2 path=$3 libs=$4 shape=$5 batch=$6
  shift 6
  local json
  json=$(LD_LIBRARY_PATH=$libs $work/jre/bin/java --add-modules jdk.incubator.vector -jar "$work/glyph-ocr.jar" bench \
    --backend "$backend" --shape "$shape" --activation relu --batch "$batch" --epochs 2 --rounds 3 --only train,infer --json "$@" \
    2>>"$out/bench-stderr.txt") || { printf '%s\t%s\t%s\t%s\tfailed\n' "$backend" "$path" "$shape" "$batch" >>"$out/bench.tsv"; return 0; }
  python3 -c 'import json,sys; j=json.loads(sys.argv[1]); print("\t".join(map(str, [sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5],
    round(j["train_samples_per_second"]), round(j["infer_glyphs_per_second"]), j["backend"]])))' \
    "$json" "$backend" "$path" "$shape" "$batch" >>"$out/bench.tsv"
}

case "${1:-}" in
  prepare) prepare ;;
  run) shift; run "$@" ;;
  *) echo "usage: $0 prepare | run [OUT_DIR]" >&2; exit 2 ;;
esac
