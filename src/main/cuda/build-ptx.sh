#!/usr/bin/env bash
# Compiles the GPU backend's kernels to PTX, the resource the backend loads through the CUDA driver
# API. Run after editing mlp.cu and commit both; the Maven build does not need nvcc.
#
#   src/main/cuda/build-ptx.sh            (uses /usr/local/cuda/bin/nvcc, or $NVCC)
#
# compute_75 (Turing) is the oldest target CUDA 13 compiles for; the driver JIT-compiles the PTX
# for the card it finds, newer ones included. PTX from CUDA 13 needs a driver of the R580 series
# or later. The first line records the source's SHA-256, which GpuKernelsSourceTest compares.
set -euo pipefail
cd "$(dirname "$0")/../../.."
nvcc=${NVCC:-/usr/local/cuda/bin/nvcc}
src=src/main/cuda/mlp.cu
out=src/main/resources/org/glyphocr/backend/gpu/mlp.ptx
mkdir -p "$(dirname "$out")"
tmp=$(mktemp)
"$nvcc" -ptx -arch=compute_75 -o "$tmp" "$src"
{ echo "// source-sha256: $(sha256sum "$src" | cut -d' ' -f1)"; cat "$tmp"; } >"$out"
rm -f "$tmp"
echo "wrote $out" >&2
