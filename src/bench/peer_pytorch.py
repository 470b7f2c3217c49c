#!/usr/bin/env python3
"""PyTorch peer of `glyph-ocr bench`: the same MLP (hidden layers with --activation, softmax output
with cross-entropy averaged over the batch), SGD with momentum 0.9 at learning rate 0.05, the same
preprocessed digits, the same options and JSON keys. gemm_gflops is torch.mm at 1024^3.

Run it with Debian's python3-torch and python3-opencv, with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
unset (they select slower kernels of old OpenBLAS builds); src/bench/compare.py does both."""
import peer_common as common  # first: it limits the BLAS threads before numpy loads

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F



def build(sizes, activation):
    layers = []
    act = {"sigmoid": nn.Sigmoid, "tanh": nn.Tanh, "relu": nn.ReLU}[activation]
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(act())
    return nn.Sequential(*layers)


def main():
    args = common.parser(__doc__).parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    parts = common.parts(args)
    sizes = common.shape(args)
    x_np, y_np, files = common.load(args)
    x = torch.from_numpy(x_np)
    y = torch.from_numpy(y_np)
    n = x.shape[0]
    model = build(sizes, args.activation)
    values = {"samples": n, "torch": torch.__version__}

    if "train" in parts:
        optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
        generator = torch.Generator().manual_seed(7)

        def epoch(_):
            order = torch.randperm(n, generator=generator)
            for start in range(0, n, args.batch):
                index = order[start:start + args.batch]
                xb = x[index]
                yb = y[index]
                optimizer.zero_grad(set_to_none=True)
                logits = model(xb)
                loss = F.cross_entropy(logits, yb)
                loss.backward()
                optimizer.step()
            return n

        rates = common.timed_epochs(args, epoch)
        values["train_samples_per_second"] = float(np.mean(rates))
        values["train_epochs"] = args.epochs
        with torch.inference_mode():
            values["train_accuracy"] = float((model(x).argmax(1) == y).float().mean())

    model.eval()
    if "infer" in parts:
        with torch.inference_mode():
            values["infer_glyphs_per_second"] = common.infer_rate(args, n, lambda start, end: torch.softmax(model(x[start:end]), 1))

    if "gemm" in parts:
        values["gemm_gflops"] = common.gemm_gflops(args, lambda a, b: torch.mm(torch.from_numpy(a), torch.from_numpy(b)))

    if "files" in parts:
        with torch.inference_mode():
            values["files"], values["classify_files_per_second"] = common.files_rate(
                args, files, lambda g: torch.softmax(model(torch.from_numpy(g)), 1).argmax())

    common.report(args, "pytorch", values)


if __name__ == "__main__":
    main()
