"""MinHash signatures and near-duplicate pairs over many reports (the corpus, supervision).

Library: **rensa** (Rust, one 1.2 MB wheel, no dependencies), chosen over datasketch by
measuring both on the seed and corpus reports (128 permutations, same shingles, one core):
rensa 0.26–0.34 ms per signature and 3.5 ms to import; datasketch 0.73 ms per signature and
1.06 s to import, and it pulls in numpy and scipy (≈160 MB). The figures are in
docs/benchmarks.md. rensa is imported only when a signature is made.

A signature is ``num_perm`` unsigned 32-bit minima, stored as little-endian bytes
(4 × ``num_perm`` bytes), so it can go into a database column or an Arrow binary column and
compare equal across processes and machines (same rensa version, same ``SEED``).
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable
from itertools import combinations

from gongkai.similarity.shingles import containment, shingle_set
from gongkai.similarity.words import own_words

#: The permutation seed: part of the signature format, never change it without a migration.
SEED = 20191

#: Below this many items every pair is compared exactly; LSH pays off only above it.
EXACT_BELOW = 120


def _digests(sets: list[frozenset[int]], num_perm: int) -> list[bytes]:
    from rensa import RMinHash  # a Rust extension: imported only by the code that signs

    # An empty set has no minimum; sign it as one fixed token so the call never fails.
    rows = [sorted(s) if s else [0] for s in sets]
    matrix = RMinHash.digest_matrix_from_token_hash_sets(rows, num_perm, SEED)
    out: list[bytes] = []
    for row in matrix.to_rows():
        values = array("I", row)
        if sys.byteorder == "big":  # pragma: no cover - the format is little-endian everywhere
            values.byteswap()
        out.append(values.tobytes())
    return out


def signature(text: str, num_perm: int = 128) -> bytes:
    """The MinHash signature of ``shingles(text)``: ``num_perm`` little-endian uint32 minima."""
    return signatures([text], num_perm)[0]


def signature_of_words(words: str, num_perm: int = 128) -> bytes:
    """``signature`` of text already reduced to its own words (``own_words``), for callers that
    need the own words too and should not compute them twice."""
    return _digests([shingle_set(words)], num_perm)[0]


def signatures(texts: Iterable[str], num_perm: int = 128) -> list[bytes]:
    """``signature`` of many texts in one call (one trip into rensa)."""
    return _digests([shingle_set(own_words(t)) for t in texts], num_perm)


def estimate(a: bytes, b: bytes) -> float:
    """Jaccard estimated from two signatures: the share of positions where they agree."""
    if len(a) != len(b) or not a:
        raise ValueError("signatures of different lengths cannot be compared")
    va, vb = array("I", a), array("I", b)
    return sum(1 for x, y in zip(va, vb, strict=True) if x == y) / len(va)


def _bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) whose S-curve 1-(1-s^r)^b crosses 1/2 nearest ``threshold``."""
    best = (num_perm, 1)
    best_gap = 2.0
    for rows in range(1, num_perm + 1):
        if num_perm % rows:
            continue
        bands = num_perm // rows
        mid = (1 - 0.5 ** (1 / bands)) ** (1 / rows)
        if abs(mid - threshold) < best_gap:
            best, best_gap = (bands, rows), abs(mid - threshold)
    return best


def near_duplicates(
    items: Iterable[tuple[str, str]], threshold: float, *, num_perm: int = 128
) -> list[tuple[str, str, float]]:
    """Pairs (id_a, id_b, figure) whose figure is at least ``threshold``, highest first.

    The figure is ``similarity`` in the direction that copies more: the larger of the two
    containments. Up to ``EXACT_BELOW`` items every pair is computed exactly. Above it, LSH on
    MinHash signatures proposes candidates, tuned at the Jaccard two texts of equal length
    have when a share ``threshold`` of each is shared (t / (2 - t)), halved for safety, and the
    exact figure is computed for each candidate; a pair whose lengths differ a lot may then be
    missed, which is the price of not comparing n² pairs.
    """
    ids: list[str] = []
    sets: list[frozenset[int]] = []
    for item_id, text in items:
        ids.append(item_id)
        sets.append(shingle_set(own_words(text)))
    if len(ids) < EXACT_BELOW:
        candidates: Iterable[tuple[int, int]] = combinations(range(len(ids)), 2)
    else:
        candidates = _lsh_candidates(sets, threshold, num_perm)
    out: list[tuple[str, str, float]] = []
    for i, j in candidates:
        if not sets[i] or not sets[j]:
            continue
        figure = max(containment(sets[i], sets[j]), containment(sets[j], sets[i]))
        if figure >= threshold:
            out.append((ids[i], ids[j], figure))
    out.sort(key=lambda t: (-t[2], t[0], t[1]))
    return out


def _lsh_candidates(sets: list[frozenset[int]], threshold: float, num_perm: int) -> list[tuple[int, int]]:
    jaccard_at = max(0.05, threshold / (2 - threshold) / 2)
    bands, rows = _bands(jaccard_at, num_perm)
    digests = _digests(sets, num_perm)
    pairs: set[tuple[int, int]] = set()
    width = 4 * rows
    for band in range(bands):
        buckets: dict[bytes, list[int]] = {}
        for i, digest in enumerate(digests):
            if sets[i]:
                buckets.setdefault(digest[band * width : (band + 1) * width], []).append(i)
        for members in buckets.values():
            pairs.update(combinations(members, 2))
    return sorted(pairs)


def lsh_pairs(digests: list[bytes | None], threshold: float, num_perm: int = 128) -> list[tuple[int, int]]:
    """Candidate pairs (i, j), i < j, among stored signatures (``None``: nothing to compare).

    The same banding as ``near_duplicates`` uses, for callers that keep signatures rather than
    texts (a corpus of 100,000 reports cannot hold every shingle set in memory).
    """
    jaccard_at = max(0.05, threshold / (2 - threshold) / 2)
    bands, rows = _bands(jaccard_at, num_perm)
    width = 4 * rows
    pairs: set[tuple[int, int]] = set()
    for band in range(bands):
        buckets: dict[bytes, list[int]] = {}
        for i, digest in enumerate(digests):
            if digest:
                buckets.setdefault(digest[band * width : (band + 1) * width], []).append(i)
        for members in buckets.values():
            if len(members) > 1:
                pairs.update(combinations(members, 2))
    return sorted(pairs)
