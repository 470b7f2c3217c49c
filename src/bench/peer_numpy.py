#!/usr/bin/env python3
"""numpy's SGEMM (OpenBLAS) at 1024^3 on --threads threads: the reference for `glyph-ocr bench`'s
gemm_gflops. Prints the same JSON key. Works with whichever numpy and BLAS the interpreter has
(compare.py runs it with Debian's python3 and with the python3 on PATH, and judges on the faster)."""
import peer_common as common  # first: it limits the BLAS threads before numpy loads

import sys

import numpy as np


def main():
    p = common.parser(__doc__)
    p.set_defaults(glyphs=".")
    for action in p._actions:
        if action.dest == "glyphs":
            action.required = False
    args = p.parse_args()
    gflops = common.gemm_gflops(args, lambda a, b: a @ b)
    common.report(args, "numpy", {"gemm_gflops": gflops, "numpy": np.__version__, "python": sys.executable})


if __name__ == "__main__":
    main()
