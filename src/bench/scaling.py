#!/usr/bin/env python3
"""How glyph-ocr's training time grows with batch size, hidden width and threads: runs `bench --only
train` over a grid and writes a table (samples/s, microseconds per sample, effective GFLOP/s of the
matrix products: 6 flops per weight per sample, forward and backward) and a plot.

    mvn -q -B -ntp -DskipTests package
    python3 src/bench/scaling.py [--out target/bench]

Needs python3-matplotlib for the plot (Debian's /usr/bin/python3 has it)."""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
JAR = os.path.join(ROOT, "target", "glyph-ocr.jar")

BATCHES = [1, 4, 16, 32, 64, 128, 256, 512, 1024]
WIDTHS = [32, 64, 128, 256, 512, 1024, 2048]


def weights(shape):
    sizes = [int(s) for s in shape.split("-")]
    return sum(a * b for a, b in zip(sizes, sizes[1:]))


def bench(shape, batch, threads):
    cmd = ["java", "--add-modules", "jdk.incubator.vector", "-jar", JAR, "bench", "--data", os.path.join(ROOT, "testdata", "mnist-7k"),
           "--only", "train", "--epochs", "2", "--shape", shape, "--batch", str(batch), "--threads", str(threads), "--json"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT).stdout
    rate = json.loads([l for l in out.splitlines() if l.startswith("{")][-1])["train_samples_per_second"]
    row = {"shape": shape, "batch": batch, "threads": threads, "samples_per_second": rate,
           "us_per_sample": 1e6 / rate, "gflops": rate * 6 * weights(shape) / 1e9}
    print(f"{shape:18s} batch {batch:5d} threads {threads}: {rate:12,.0f} samples/s, {row['gflops']:6.1f} GFLOP/s", file=sys.stderr, flush=True)
    return row


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default=os.path.join(ROOT, "target", "bench"))
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    by_batch = [bench("400-256-256-10", b, 1) for b in BATCHES]
    by_width = [bench(f"400-{w}-{w}-10", 64, 1) for w in WIDTHS]
    by_threads = [bench("400-256-256-10", b, t) for b in (64, 256) for t in (1, 2)] \
        + [bench("400-1024-1024-62", 256, t) for t in (1, 2)]
    with open(os.path.join(args.out, "scaling.json"), "w", encoding="utf-8") as f:
        json.dump({"batch": by_batch, "width": by_width, "threads": by_threads}, f, indent=2)
    lines = ["| varied | shape | batch | threads | samples/s | µs/sample | GFLOP/s |", "|---|---|---:|---:|---:|---:|---:|"]
    for name, rows in (("batch", by_batch), ("width", by_width), ("threads", by_threads)):
        for r in rows:
            lines.append(f"| {name} | {r['shape']} | {r['batch']} | {r['threads']} | {r['samples_per_second']:,.0f} | "
                         f"{r['us_per_sample']:.1f} | {r['gflops']:.1f} |")
    table = "\n".join(lines) + "\n"
    with open(os.path.join(args.out, "scaling.md"), "w", encoding="utf-8") as f:
        f.write(table)
    print(table)
    plot(by_batch, by_width, os.path.join(args.out, "scaling.png"))


def plot(by_batch, by_width, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is missing (Debian: python3-matplotlib); no plot", file=sys.stderr)
        return
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
    a.plot([r["batch"] for r in by_batch], [r["gflops"] for r in by_batch], "o-")
    a.set_xscale("log", base=2)
    a.set_xlabel("batch size (400-256-256-10)")
    a.set_ylabel("effective GFLOP/s (training)")
    a.grid(alpha=0.3)
    b.plot([r["shape"].split("-")[1] for r in by_width], [r["gflops"] for r in by_width], "o-")
    b.set_xlabel("hidden width (400-W-W-10, batch 64)")
    b.set_ylabel("effective GFLOP/s (training)")
    b.grid(alpha=0.3)
    fig.suptitle("glyph-ocr training speed on one CPU thread", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    print(f"plot: {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
