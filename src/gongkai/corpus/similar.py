"""Copied text at corpus scale: candidate pairs from the stored MinHash signatures, exact figures after.

The same detection as the supervision pages and the ``crossyear.similar`` rule (``gongkai.similarity``):
signatures only propose candidates; every figure reported is the exact containment of one report's
own words in the other's, recomputed from the ``sections`` table for that pair alone, so memory
stays proportional to the signatures (512 bytes a report), not to the texts.

Two lists: near-duplicate pairs of *different* agencies in the same year ("copies another unit's
report"), and each agency's report against its own previous year ("内容与上年雷同").
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from gongkai.corpus.query import connect

DEFAULT_THRESHOLD = 0.5  # published scoring rules: "more than half repeated"
#: Shingle sets kept for exact figures, least recently used dropped first. Unbounded, 3,000
#: generated reports held 1.8 GB (a set of a few thousand ints per report); a year of a province
#: (a few thousand reports) still fits, and a bigger one re-reads a text instead of growing.
CACHE_REPORTS = 2000


@dataclass(frozen=True, slots=True)
class Pair:
    kind: str  # "agencies" (two agencies, one year) | "self" (one agency, consecutive years)
    year: int
    report_a: str
    report_b: str
    agency_a: str | None
    agency_b: str | None
    path_a: str
    path_b: str
    similarity: float  # share of a's own words found in b (the larger direction for "agencies")


def _texts(con: object, ids: list[str]) -> dict[str, str]:
    rows = con.execute(  # type: ignore[attr-defined]
        "SELECT report_id, string_agg(text, '\n' ORDER BY position) FROM sections "
        "WHERE report_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY report_id", [ids]).fetchall()
    return {rid: text or "" for rid, text in rows}


def find(root: Path, *, year: int | None = None, threshold: float = DEFAULT_THRESHOLD) -> list[Pair]:
    from gongkai.similarity import containment, shingles
    from gongkai.similarity.minhash import lsh_pairs

    con = connect(root)
    try:
        where = "WHERE s.year = ?" if year is not None else ""
        params = [year] if year is not None else []
        rows = con.execute(
            "SELECT s.report_id, s.year, s.agency, s.minhash, r.path FROM signatures s "
            f"JOIN reports r USING (report_id) {where} ORDER BY s.year, s.agency, r.path", params).fetchall()
        if year is not None:  # last year's reports too, for the self comparison
            rows += con.execute(
                "SELECT s.report_id, s.year, s.agency, s.minhash, r.path FROM signatures s "
                "JOIN reports r USING (report_id) WHERE s.year = ? ORDER BY s.agency, r.path", [year - 1]).fetchall()
        out: list[Pair] = []
        cache: OrderedDict[str, frozenset[int]] = OrderedDict()  # least recently used first

        def figure(a: str, b: str) -> tuple[float, float]:
            missing = [r for r in (a, b) if r not in cache]
            texts = _texts(con, missing) if missing else {}
            sa, sb = (cache[r] if r in cache else shingles(texts.get(r, "")) for r in (a, b))
            for rid, value in ((a, sa), (b, sb)):  # the pair becomes the most recently used
                cache[rid] = value
                cache.move_to_end(rid)
            while len(cache) > CACHE_REPORTS:
                cache.popitem(last=False)
            if not sa or not sb:
                return 0.0, 0.0
            return containment(sa, sb), containment(sb, sa)

        # Different agencies, same year: LSH within each year.
        by_year: dict[int, list[int]] = {}
        for i, row in enumerate(rows):
            if year is None or row[1] == year:
                by_year.setdefault(row[1], []).append(i)
        for y, members in sorted(by_year.items()):
            digests = [bytes(rows[i][3]) if rows[i][3] else None for i in members]
            for x, z in lsh_pairs(digests, threshold):
                a, b = rows[members[x]], rows[members[z]]
                if a[2] is not None and a[2] == b[2]:
                    continue  # one agency's two copies of one report: not copying between units
                ab, ba = figure(a[0], b[0])
                if max(ab, ba) >= threshold:
                    first, second, value = (a, b, ab) if ab >= ba else (b, a, ba)
                    out.append(Pair("agencies", y, first[0], second[0], first[2], second[2], first[4], second[4],
                                    round(value, 4)))
        # One agency against its previous year.
        by_agency: dict[tuple[str, int], tuple[object, ...]] = {}
        for row in rows:
            if row[2]:
                by_agency.setdefault((row[2], row[1]), row)
        for (agency, y), row in sorted(by_agency.items()):
            if year is not None and y != year:
                continue
            last = by_agency.get((agency, y - 1))
            if last is None:
                continue
            value, _ = figure(str(row[0]), str(last[0]))
            if value >= threshold:
                out.append(Pair("self", y, str(row[0]), str(last[0]), agency, agency, str(row[4]), str(last[4]),
                                round(value, 4)))
        out.sort(key=lambda p: (p.kind, -p.similarity, p.year, p.path_a))
        return out
    finally:
        con.close()
