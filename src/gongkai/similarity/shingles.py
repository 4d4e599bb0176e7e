"""Shingles of a report's own words and the figures computed from them.

A shingle is ``k`` consecutive own characters (Chinese has no spaces, so characters, not words),
hashed with blake2b to 64 bits: the same text gives the same numbers in every process and on
every machine (Python's ``hash()`` of a str is salted per process), so signatures computed in
one run can be compared with those stored by another.

The figure used everywhere is **containment** (``similarity``): the share of one report's
shingles that are also found in the other. Scoring tables deduct points when a report "repeats
more than half of last year's text": that is a share of this year's report, and it must not
fall because last year's report was longer or this year's adds a paragraph, as Jaccard would.
"""

from __future__ import annotations

from hashlib import blake2b

from gongkai.similarity.words import own_words

#: Characters per shingle: five Chinese characters are about two words, long enough that a
#: shared shingle is rarely chance, short enough that a small edit breaks only a few.
K = 5


def hash_shingle(s: str) -> int:
    """A stable 64-bit hash of one shingle."""
    return int.from_bytes(blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")


def shingle_set(words: str, k: int = K) -> frozenset[int]:
    """Shingles of text that is already own words (see ``own_words``)."""
    if len(words) < k:
        return frozenset((hash_shingle(words),)) if words else frozenset()
    data = words.encode("utf-8")
    if len(data) == 3 * len(words):
        # Every character is three bytes in UTF-8 (own words are Chinese characters): a shingle's
        # bytes are a slice of the whole text's, so nothing is encoded twice. Same hashes.
        width = 3 * k
        return frozenset(
            int.from_bytes(blake2b(data[i : i + width], digest_size=8).digest(), "little")
            for i in range(0, len(data) - width + 1, 3)
        )
    return frozenset(hash_shingle(words[i : i + k]) for i in range(len(words) - k + 1))


def shingles(text: str, k: int = K) -> frozenset[int]:
    """The stable hashes of the ``k``-character shingles of ``own_words(text)``."""
    return shingle_set(own_words(text), k)


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    """|a∩b| / |a∪b|; 0.0 when both are empty."""
    if not a and not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    """|a∩b| / |a|: how much of ``a`` is found in ``b``; 0.0 when ``a`` is empty."""
    if not a:
        return 0.0
    return len(a & b) / len(a)


def similarity(a_text: str, b_text: str) -> float:
    """Share of ``a_text``'s own words (as shingles) also found in ``b_text``: containment."""
    return containment(shingles(a_text), shingles(b_text))
