#!/usr/bin/env python3
"""scikit-learn peer of `glyph-ocr bench`: MLPClassifier with the same hidden layers and activation
(logistic for sigmoid), solver sgd with momentum 0.9 (not Nesterov) at learning rate 0.05, minibatches
of --batch, one epoch per partial_fit; the same options and JSON keys. scikit-learn's products go
through numpy, so gemm_gflops is numpy's a @ b at 1024^3 (the same BLAS)."""
import peer_common as common  # first: it limits the BLAS threads before numpy loads

import numpy as np
from sklearn.neural_network import MLPClassifier


def main():
    args = common.parser(__doc__).parse_args()
    parts = common.parts(args)
    sizes = common.shape(args)
    x, y, files = common.load(args)
    n = x.shape[0]
    classes = np.arange(sizes[-1])
    activation = {"sigmoid": "logistic", "tanh": "tanh", "relu": "relu"}[args.activation]
    model = MLPClassifier(hidden_layer_sizes=tuple(sizes[1:-1]), activation=activation, solver="sgd",
                          batch_size=args.batch, learning_rate_init=0.05, momentum=0.9, nesterovs_momentum=False,
                          alpha=0.0, shuffle=True, random_state=1)
    values = {"samples": n}
    import sklearn
    values["sklearn"] = sklearn.__version__
    if True:  # threads are limited by peer_common, before numpy loads
        if "train" in parts:
            def epoch(_):
                model.partial_fit(x, y, classes=classes)
                return n
            rates = common.timed_epochs(args, epoch)
            values["train_samples_per_second"] = float(np.mean(rates))
            values["train_epochs"] = args.epochs
            values["train_accuracy"] = float((model.predict(x) == y).mean())
        else:
            model.partial_fit(x[:args.batch], y[:args.batch], classes=classes)

        if "infer" in parts:
            values["infer_glyphs_per_second"] = common.infer_rate(args, n, lambda start, end: model.predict_proba(x[start:end]))

        if "gemm" in parts:
            values["gemm_gflops"] = common.gemm_gflops(args, lambda a, b: a @ b)

        if "files" in parts:
            values["files"], values["classify_files_per_second"] = common.files_rate(args, files, lambda g: model.predict_proba(g).argmax())

    common.report(args, "scikit-learn", values)


if __name__ == "__main__":
    main()
