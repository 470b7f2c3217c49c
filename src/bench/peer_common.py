"""What the peer scripts share: the options and JSON keys of `glyph-ocr bench`, the data it saves
with `bench --save-glyphs`, the timing rules (one warm-up epoch, then the mean of the timed epochs;
medians of rounds after two warm-up rounds), and a preprocessing with OpenCV for the end-to-end
figure (decode, 20x20 area resampling, ink -0.5 and paper +0.5).

train_accuracy is the accuracy on the training digits after training. The peers keep training
through their warm-up epoch, so they have one epoch more than glyph-ocr's bench, whose timed epochs
start again from the initial weights after its (longer, JIT) warm-up."""
import argparse
import json
import os
import sys
import time


def _limit_threads_before_numpy():
    """BLAS libraries read their thread count when they load, so --threads is applied before numpy is imported."""
    threads = "1"
    for i, arg in enumerate(sys.argv):
        if arg == "--threads" and i + 1 < len(sys.argv):
            threads = sys.argv[i + 1]
        elif arg.startswith("--threads="):
            threads = arg.split("=", 1)[1]
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = threads


_limit_threads_before_numpy()

import numpy as np  # noqa: E402 (after the thread limits)


def parser(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--glyphs", required=True, help="folder written by `glyph-ocr bench --save-glyphs`")
    p.add_argument("--shape", default="400-256-256-10", help="INPUT-HIDDEN-...-CLASSES")
    p.add_argument("--activation", default="sigmoid", choices=["sigmoid", "tanh", "relu"])
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--epochs", type=int, default=3, help="timed epochs, after one warm-up epoch")
    p.add_argument("--rounds", type=int, default=5, help="timed rounds of infer, gemm and files")
    p.add_argument("--files", type=int, default=2000, help="image files per round of files")
    p.add_argument("--only", default="train,infer,gemm,files", help="parts to run")
    p.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    return p


def parts(args):
    return {p.strip() for p in args.only.split(",") if p.strip()}


def shape(args):
    sizes = [int(s) for s in args.shape.split("-")]
    if len(sizes) < 2 or sizes[0] != 400:
        sys.exit("--shape must be 400-HIDDEN-...-CLASSES, was " + args.shape)
    return sizes


def load(args):
    x = np.fromfile(os.path.join(args.glyphs, "glyphs.f32"), dtype="<f4").reshape(-1, 400)
    y = np.fromfile(os.path.join(args.glyphs, "labels.i32"), dtype="<i4").astype(np.int64)
    files = []
    with open(os.path.join(args.glyphs, "files.tsv"), encoding="utf-8") as f:
        for line in f:
            label, path = line.rstrip("\n").split("\t", 1)
            files.append((int(label), path))
    return np.ascontiguousarray(x), y, files


def progress(message):
    print(message, file=sys.stderr, flush=True)


def timed_epochs(args, run_epoch):
    """run_epoch(epoch) trains one epoch and returns the samples it saw; returns samples/s of each timed epoch."""
    rates = []
    for epoch in range(args.epochs + 1):
        start = time.perf_counter()
        samples = run_epoch(epoch)
        rate = samples / (time.perf_counter() - start)
        progress(f"{os.path.basename(sys.argv[0])}: train epoch {epoch}{' (warm-up)' if epoch == 0 else ''}: {rate:.0f} samples/s")
        if epoch > 0:
            rates.append(rate)
    return rates


def median_rate(args, run_round, what):
    """run_round() does one round and returns its item count; median items/s over the timed rounds."""
    rates = []
    for r in range(-2, args.rounds):
        start = time.perf_counter()
        items = run_round()
        rate = items / (time.perf_counter() - start)
        if r >= 0:
            rates.append(rate)
    rates.sort()
    progress(f"{os.path.basename(sys.argv[0])}: {what} per second, min {rates[0]:.0f}, median {float(np.median(rates)):.0f}, max {rates[-1]:.0f}")
    return float(np.median(rates))


def opencv_glyph(path):
    """Decode with OpenCV and reduce to the 20x20 input: ink -0.5, paper +0.5 (dark ink assumed on light
    paper unless the border is dark), area resampling of the whole image."""
    import cv2
    image = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
    if image is None:
        raise ValueError("cannot decode " + path)
    small = cv2.resize(image, (20, 20), interpolation=cv2.INTER_AREA).astype(np.float32) / 255.0
    border = np.concatenate([small[0], small[-1], small[:, 0], small[:, -1]]).mean()
    if border < 0.5:
        small = 1.0 - small
    return (small - 0.5).reshape(1, 400)


def infer_rate(args, n, predict):
    """predict(start, end) classifies glyphs start..end-1 in one call; median glyphs/s over all n in batches of --batch."""
    def one_round():
        for start in range(0, n, args.batch):
            predict(start, min(n, start + args.batch))
        return n
    return median_rate(args, one_round, "infer glyphs")


def files_rate(args, files, classify):
    """classify(glyph) returns the class of one 1x400 glyph; median files/s of decode + preprocess + classify."""
    subset = files[:args.files]

    def one_round():
        for _, path in subset:
            int(classify(opencv_glyph(path)))
        return len(subset)
    return len(subset), median_rate(args, one_round, "classify files")


def gemm_gflops(args, multiply):
    """multiply(a, b) -> a @ b for 1024x1024 float32 matrices; median GFLOP/s."""
    rng = np.random.default_rng(1)
    a = rng.uniform(-1, 1, (1024, 1024)).astype(np.float32)
    b = rng.uniform(-1, 1, (1024, 1024)).astype(np.float32)
    return median_rate(args, lambda: (multiply(a, b), 2 * 1024 ** 3 / 1e9)[1], "gemm GFLOP")


def report(args, name, values):
    out = {"implementation": name, "shape": args.shape, "activation": args.activation, "batch": args.batch,
           "threads": args.threads}
    out.update(values)
    if args.json:
        print(json.dumps(out))
    else:
        for k, v in out.items():
            print(f"{k}: {v}")
