#!/usr/bin/env python3
"""OpenCV peer of `glyph-ocr bench`: cv2.ml.ANN_MLP with the same layer sizes, symmetric sigmoid
units (OpenCV's only sigmoid), backpropagation with weight scale 0.001 and momentum 0.1. OpenCV's
backprop updates after every sample, so --batch only sets the inference batch, and the others' 0.05
and 0.9 (per averaged batch) diverge here: per sample, 0.001 and 0.1 trained best of those tried. One epoch per train
call (the first initialises the weights, later ones continue with UPDATE_WEIGHTS). Same options and
JSON keys; gemm_gflops is cv2.gemm at 1024^3."""
import peer_common as common  # first: it limits the BLAS threads before numpy loads

import cv2
import numpy as np



def main():
    args = common.parser(__doc__).parse_args()
    cv2.setNumThreads(args.threads)
    parts = common.parts(args)
    sizes = common.shape(args)
    x, y, files = common.load(args)
    n = x.shape[0]
    targets = np.full((n, sizes[-1]), -1.0, dtype=np.float32)
    targets[np.arange(n), y] = 1.0
    ann = cv2.ml.ANN_MLP_create()
    ann.setLayerSizes(np.array(sizes, dtype=np.int32))
    ann.setActivationFunction(cv2.ml.ANN_MLP_SIGMOID_SYM, 1.0, 1.0)
    ann.setTrainMethod(cv2.ml.ANN_MLP_BACKPROP, 0.001, 0.1)
    ann.setTermCriteria((cv2.TERM_CRITERIA_MAX_ITER, 1, 0))
    values = {"samples": n, "opencv": cv2.__version__}
    rng = np.random.default_rng(7)

    def epoch(e):
        order = rng.permutation(n)
        data = cv2.ml.TrainData_create(x[order], cv2.ml.ROW_SAMPLE, targets[order])
        flags = cv2.ml.ANN_MLP_NO_INPUT_SCALE | cv2.ml.ANN_MLP_NO_OUTPUT_SCALE
        if e > 0:
            flags |= cv2.ml.ANN_MLP_UPDATE_WEIGHTS
        ann.train(data, flags)
        return n

    if "train" in parts:
        rates = common.timed_epochs(args, epoch)
        values["train_samples_per_second"] = float(np.mean(rates))
        values["train_epochs"] = args.epochs
        _, out = ann.predict(x)
        values["train_accuracy"] = float((out.argmax(1) == y).mean())
    else:
        epoch(0)

    if "infer" in parts:
        values["infer_glyphs_per_second"] = common.infer_rate(args, n, lambda start, end: ann.predict(x[start:end]))

    if "gemm" in parts:
        values["gemm_gflops"] = common.gemm_gflops(args, lambda a, b: cv2.gemm(a, b, 1.0, None, 0.0))

    if "files" in parts:
        values["files"], values["classify_files_per_second"] = common.files_rate(args, files, lambda g: ann.predict(g)[1].argmax())

    common.report(args, "opencv", values)


if __name__ == "__main__":
    main()
