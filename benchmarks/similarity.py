"""Similarity costs per report, and the MinHash library choice (rensa vs datasketch).

    .venv/bin/python benchmarks/similarity.py
    PYTHONPATH=/path/to/site-packages-with-datasketch .venv/bin/python benchmarks/similarity.py

Measures, on the seed and corpus texts shipped in tests/data, the time to reduce a report to its
own words and shingles, to sign it with rensa (the library gongkai uses) and, when datasketch is
importable, with datasketch over the same shingles, plus each library's import time. Prints a
Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

from gongkai.similarity import shingle_set, shingles
from gongkai.similarity.minhash import SEED
from gongkai.similarity.words import own_words

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
ROUNDS = 20


def _texts() -> list[str]:
    paths = sorted((DATA / "seeds").glob("*.txt")) + sorted((DATA / "corpus").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def _per_item_ms(fn, items: list) -> float:  # type: ignore[no-untyped-def, type-arg]
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for item in items:
            fn(item)
        best = min(best, time.perf_counter() - start)
    return best / len(items) * 1000


def _import_ms(name: str) -> float | None:
    if name in sys.modules:
        return None
    start = time.perf_counter()
    try:
        importlib.import_module(name)
    except ImportError:
        return None
    return (time.perf_counter() - start) * 1000


def main() -> None:
    texts = _texts() * ROUNDS
    rows: list[tuple[str, float | None, str]] = []
    rows.append(("own words", _per_item_ms(own_words, texts), ""))
    rows.append(("own words + 5-shingles (blake2b)", _per_item_ms(shingles, texts), ""))
    sets = [shingle_set(own_words(t)) for t in texts]
    rensa_import = _import_ms("rensa")
    from rensa import RMinHash

    def sign_rensa(s: frozenset[int]) -> object:
        return RMinHash.digest_matrix_from_token_hash_sets([sorted(s)], 128, SEED).to_rows()

    rows.append(("MinHash 128, rensa", _per_item_ms(sign_rensa, sets), f"import {rensa_import:.1f} ms"))
    ds_import = _import_ms("datasketch")
    if ds_import is not None:
        from datasketch import MinHash

        def sign_ds(s: frozenset[int]) -> object:
            m = MinHash(num_perm=128, seed=SEED, hashfunc=lambda x: x & 0xFFFFFFFF)
            m.update_batch(list(s))
            return m.hashvalues

        rows.append(("MinHash 128, datasketch", _per_item_ms(sign_ds, sets), f"import {ds_import:.1f} ms"))
    print(f"{len(texts) // ROUNDS} real reports × {ROUNDS}, best of 3, one process\n")
    print("| step | ms per report | notes |\n|---|---:|---|")
    for name, ms, note in rows:
        print(f"| {name} | {ms:.2f} | {note} |")


if __name__ == "__main__":
    main()
