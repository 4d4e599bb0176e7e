"""Copied-text detection shared by the audit rules, supervision and the corpus.

One place decides what counts as a report's own words (its Chinese characters, without template
wording, headings, regulation boilerplate, digits and Latin letters), so that a similarity figure means the same on every page.

The one figure used everywhere is ``similarity(a, b)``: the share of ``a``'s own words (as
5-character shingles) also found in ``b`` — containment, because the scoring tables ask how
much of a report repeats another, which must not depend on how long the other one is.
MinHash signatures (``signature``, rensa) serve only to find candidate pairs among many reports;
every figure shown is computed exactly.
"""

from gongkai.similarity.minhash import estimate, near_duplicates, signature, signature_of_words, signatures
from gongkai.similarity.passages import Passage, shared_passages, shared_share
from gongkai.similarity.shingles import K, containment, jaccard, shingle_set, shingles, similarity
from gongkai.similarity.words import OwnText, own_text, own_words

__all__ = [
    "K",
    "OwnText",
    "Passage",
    "containment",
    "estimate",
    "jaccard",
    "near_duplicates",
    "own_text",
    "own_words",
    "shared_passages",
    "shared_share",
    "shingle_set",
    "shingles",
    "signature",
    "signature_of_words",
    "signatures",
    "similarity",
]
