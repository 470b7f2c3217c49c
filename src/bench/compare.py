#!/usr/bin/env python3
"""Runs glyph-ocr's `bench` and the peer scripts (PyTorch, scikit-learn, OpenCV, numpy) alternately,
several rounds, on the same preprocessed digits, and writes a comparison table (medians with
min-max, and each peer's ratio to glyph-ocr) and a bar chart.

    mvn -q -B -ntp -DskipTests package
    python3 src/bench/compare.py [--rounds 3] [--threads 1] [--out target/bench]

Each job is one figure of the CPU speed issue; within a round the implementations run one after
the other in an order that rotates every round, so that drifts of a shared machine spread evenly.
Peers run with Debian's python3 (python3-torch, python3-opencv, python3-sklearn); numpy's SGEMM
also runs with the python3 on PATH, and the faster one is the reference. OPENBLAS_CORETYPE and
OPENBLAS_L2_SIZE are removed from the peers' environment only (on machines where they are set for
old OpenBLAS builds they select a slower kernel): the comparison is against the peers at their best.
Needs Debian's python3-matplotlib for the chart."""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
JAR = os.path.join(ROOT, "target", "glyph-ocr.jar")
DEBIAN_PYTHON = "/usr/bin/python3"

# (job, metric key, options for every implementation, implementations, extra options per implementation)
SMALL = ["--shape", "400-256-256-10", "--activation", "sigmoid"]
WIDE = ["--shape", "400-1024-1024-62", "--activation", "sigmoid"]
# The bundled model's shape, for reading files end to end: ours reads with the bundled model itself.
BUNDLED = ["--shape", "400-800-800-10", "--activation", "relu"]
JOBS = [
    ("train 400-256-256-10, batch 64", "train_samples_per_second", SMALL + ["--batch", "64", "--only", "train"],
     ["glyph-ocr", "pytorch", "scikit-learn", "opencv"]),
    ("train 400-256-256-10, batch 256", "train_samples_per_second", SMALL + ["--batch", "256", "--only", "train"],
     ["glyph-ocr", "pytorch", "scikit-learn"]),
    ("train 400-1024-1024-62, batch 256", "train_samples_per_second", WIDE + ["--batch", "256", "--only", "train", "--epochs", "2"],
     ["glyph-ocr", "pytorch", "scikit-learn"]),
    ("infer 400-256-256-10, batch 1", "infer_glyphs_per_second", SMALL + ["--batch", "1", "--only", "infer", "--rounds", "3"],
     ["glyph-ocr", "pytorch", "scikit-learn", "opencv"]),
    ("infer 400-256-256-10, batch 256", "infer_glyphs_per_second", SMALL + ["--batch", "256", "--only", "infer"],
     ["glyph-ocr", "pytorch", "scikit-learn", "opencv"]),
    ("files: decode + preprocess + classify, 400-800-800-10", "classify_files_per_second",
     BUNDLED + ["--batch", "1", "--only", "files", "--files", "1000", "--rounds", "3"], ["glyph-ocr", "pytorch"]),
    ("SGEMM 1024x1024x1024, GFLOP/s", "gemm_gflops", ["--only", "gemm", "--rounds", "5"],
     ["glyph-ocr", "numpy (Debian python3)", "numpy (python3 on PATH)"]),
]
ACCURACY_JOB = JOBS[0][0]


def peer_env():
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    return env


def command(implementation, options, glyphs, threads):
    common = options + ["--threads", str(threads), "--json"]
    if implementation == "glyph-ocr":
        return ["java", "--add-modules", "jdk.incubator.vector", "-jar", JAR, "bench", "--data", os.path.join(ROOT, "testdata", "mnist-7k")] \
            + [o for o in common], os.environ
    peer = {"pytorch": "peer_pytorch.py", "scikit-learn": "peer_sklearn.py", "opencv": "peer_opencv.py",
            "numpy (Debian python3)": "peer_numpy.py", "numpy (python3 on PATH)": "peer_numpy.py"}[implementation]
    python = shutil.which("python3") if implementation == "numpy (python3 on PATH)" else DEBIAN_PYTHON
    return [python, os.path.join(HERE, peer), "--glyphs", glyphs] + common, peer_env()


def run(implementation, options, glyphs, threads, log):
    cmd, env = command(implementation, options, glyphs, threads)
    started = time.time()
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=ROOT)
    log.write(f"$ {' '.join(cmd)}\n{result.stderr}\n{result.stdout}\n")
    log.flush()
    if result.returncode != 0:
        raise SystemExit(f"{implementation} failed ({result.returncode}): {' '.join(cmd)}\n{result.stderr[-2000:]}")
    line = [l for l in result.stdout.splitlines() if l.startswith("{")][-1]
    out = json.loads(line)
    out["wall_seconds"] = time.time() - started
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--out", default=os.path.join(ROOT, "target", "bench"))
    p.add_argument("--jobs", default="", help="comma-separated job numbers (1-based) to run; default all")
    args = p.parse_args()
    if not os.path.exists(JAR):
        raise SystemExit(f"{JAR} is missing: run `mvn -q -B -ntp -DskipTests package` first")
    os.makedirs(args.out, exist_ok=True)
    glyphs = os.path.join(args.out, "glyphs")
    subprocess.run(["java", "-jar", JAR, "bench", "--data", os.path.join(ROOT, "testdata", "mnist-7k"), "--save-glyphs", glyphs],
                   check=True, cwd=ROOT)
    jobs = JOBS if not args.jobs else [JOBS[int(j) - 1] for j in args.jobs.split(",")]
    results = {job[0]: {impl: [] for impl in job[3]} for job in jobs}
    accuracy = {}
    with open(os.path.join(args.out, "compare.log"), "w", encoding="utf-8") as log:
        for r in range(args.rounds):
            for name, key, options, implementations in jobs:
                order = implementations[r % len(implementations):] + implementations[:r % len(implementations)]
                for impl in order:
                    out = run(impl, options, glyphs, args.threads, log)
                    results[name][impl].append(out[key])
                    if name == ACCURACY_JOB and "train_accuracy" in out:
                        accuracy.setdefault(impl, []).append(out["train_accuracy"])
                    print(f"round {r + 1}/{args.rounds}  {name:55s} {impl:24s} {out[key]:14,.1f}", file=sys.stderr, flush=True)
    with open(os.path.join(args.out, "compare.json"), "w", encoding="utf-8") as f:
        json.dump({"threads": args.threads, "rounds": args.rounds, "results": results, "train_accuracy": accuracy}, f, indent=2)
    table = markdown(results, accuracy, args)
    with open(os.path.join(args.out, "compare.md"), "w", encoding="utf-8") as f:
        f.write(table)
    print(table)
    chart(results, os.path.join(args.out, f"compare-{args.threads}-thread.png"), args.threads)


def markdown(results, accuracy, args):
    lines = [f"Medians of {args.rounds} alternating rounds (min-max), {args.threads} thread(s). Ratio: glyph-ocr / the peer, "
             "the median of the per-round ratios (each round runs both within a minute, so a slow spell of the shared "
             "machine hits both); for SGEMM, against the faster numpy.", "",
             "| job | implementation | median | min-max | glyph-ocr / this |", "|---|---|---:|---:|---:|"]
    for name, by_impl in results.items():
        ours = by_impl["glyph-ocr"]
        for impl, values in by_impl.items():
            ratio = "" if impl == "glyph-ocr" else f"{round_ratio(ours, values):.2f}x"
            lines.append(f"| {name} | {impl} | {statistics.median(values):,.1f} | {min(values):,.1f}-{max(values):,.1f} | {ratio} |")
        if name.startswith("SGEMM"):
            peers = [v for k, v in by_impl.items() if k != "glyph-ocr"]
            best = [max(v[r] for v in peers) for r in range(len(ours))]
            lines.append(f"| {name} | glyph-ocr / faster numpy | | | {round_ratio(ours, best):.2f} |")
    if accuracy:
        lines += ["", f"Accuracy on the training digits after training ({ACCURACY_JOB}; glyph-ocr's timed epochs start "
                  "from the initial weights, the peers keep their warm-up epoch): "
                  + ", ".join(f"{impl} {statistics.median(v):.3f}" for impl, v in accuracy.items())]
    return "\n".join(lines) + "\n"


def round_ratio(ours, theirs):
    """The median over rounds of ours[r] / theirs[r]."""
    return statistics.median(o / t for o, t in zip(ours, theirs))


def chart(results, path, threads):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is missing (Debian: python3-matplotlib); no chart", file=sys.stderr)
        return
    names = list(results)
    impls = []
    for by_impl in results.values():
        for impl in by_impl:
            if impl not in impls:
                impls.append(impl)
    fig, axes = plt.subplots(len(names), 1, figsize=(9, 1.5 + 1.3 * len(names)))
    for ax, name in zip(axes if len(names) > 1 else [axes], names):
        by_impl = results[name]
        labels = list(by_impl)
        medians = [statistics.median(by_impl[i]) for i in labels]
        lows = [m - min(by_impl[i]) for m, i in zip(medians, labels)]
        highs = [max(by_impl[i]) - m for m, i in zip(medians, labels)]
        colors = ["#1f77b4" if i == "glyph-ocr" else "#aaaaaa" for i in labels]
        ax.barh(labels, medians, xerr=[lows, highs], color=colors)
        ax.set_title(name, fontsize=9, loc="left")
        ax.tick_params(labelsize=8)
        ax.invert_yaxis()
        for y, m in enumerate(medians):
            ax.text(m, y, f" {m:,.0f}", va="center", fontsize=7)
    fig.suptitle(f"glyph-ocr and peers on the CPU, {threads} thread(s): medians, bars min-max (higher is faster)", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    print(f"chart: {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
