#!/usr/bin/env bash
# Builds the test-only libcublas.so.12 forwarder (see cublas12-forwarder.c) into OUT_DIR
# (default target/cublas12). Put that folder on LD_LIBRARY_PATH, with the folder holding
# libcublas.so.13, to run the GPU backend's cuBLAS path on a machine that has only CUDA 13:
#
#   src/test/native/build-cublas12-forwarder.sh [OUT_DIR]
#   LD_LIBRARY_PATH=target/cublas12:/usr/local/cuda/targets/x86_64-linux/lib java ...
set -euo pipefail
cd "$(dirname "$0")/../../.."
out=${1:-target/cublas12}
mkdir -p "$out"
gcc -shared -fPIC -O2 -Wall -Wl,--version-script=src/test/native/cublas12-forwarder.map \
  -Wl,-soname,libcublas.so.12 -o "$out/libcublas.so.12" src/test/native/cublas12-forwarder.c -ldl
echo "built $out/libcublas.so.12" >&2
