"""Passages two texts share, located in both originals so a page can highlight them.

The search runs on own words (see ``words``), so a passage copied with its numbers updated
("2023年…96条" → "2024年…120条") is still one passage; its offsets are mapped back to the
original texts, where it spans from its first to its last own character.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.similarity.words import own_text

#: Characters of a seed match: short enough to find any passage of ``min_chars`` or more.
_SEED = 8
#: Places in b looked at for one seed: a phrase found more often than this is common wording.
_MAX_PLACES = 64


@dataclass(frozen=True, slots=True)
class Passage:
    """A passage of ``a`` found in ``b``: offsets into the ORIGINAL texts (end exclusive)."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    text: str  # as printed in a: a_text[a_start:a_end]


def shared_passages(a_text: str, b_text: str, min_chars: int = 20) -> list[Passage]:
    """Every passage of at least ``min_chars`` own characters of ``a_text`` also in ``b_text``.

    Passages are in the order of ``a_text`` and do not overlap there; each is the longest match
    starting at its place (greedy, left to right).
    """
    a, b = own_text(a_text), own_text(b_text)
    seed = max(1, min(_SEED, min_chars))
    at: dict[str, list[int]] = {}
    bt = b.text
    for j in range(len(bt) - seed + 1):
        places = at.setdefault(bt[j : j + seed], [])
        if len(places) < _MAX_PLACES:
            places.append(j)
    out: list[Passage] = []
    at_text = a.text
    i, n = 0, len(at_text)
    while i + seed <= n:
        best_len, best_j = 0, -1
        for j in at.get(at_text[i : i + seed], ()):
            length = seed
            while i + length < n and j + length < len(bt) and at_text[i + length] == bt[j + length]:
                length += 1
            if length > best_len:
                best_len, best_j = length, j
        if best_len >= min_chars:
            a_start, a_end = a.offsets[i], a.offsets[i + best_len - 1] + 1
            b_start, b_end = b.offsets[best_j], b.offsets[best_j + best_len - 1] + 1
            out.append(Passage(a_start, a_end, b_start, b_end, a_text[a_start:a_end]))
            i += best_len
        else:
            i += 1
    return out


def shared_share(a_text: str, passages: list[Passage]) -> float:
    """Share of ``a_text``'s own characters inside ``passages`` (for a page's caption)."""
    a = own_text(a_text)
    if not a.offsets:
        return 0.0
    spans = [(p.a_start, p.a_end) for p in passages]
    inside = sum(1 for off in a.offsets if any(s <= off < e for s, e in spans))
    return inside / len(a.offsets)
