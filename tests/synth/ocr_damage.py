"""What OCR does to a report's text, applied to any rendering: digits read as letters, and label
characters read as other characters.

- ``digits``: a digit of a number becomes the letter OCR confuses it with (0 → "O", 1 → "l"; a
  lone "0", read without neighbours, now and then "D");
- ``labels``: one character of a Chinese cell or line becomes another (a wrong character from a
  set of look-alikes), in table rows only, so labels, group labels and headers are misread.

A reader may leave misread cells null (with a problem); it must never read a wrong value, and
what it cannot read is never the agency's error.
"""

from __future__ import annotations

import random
import re

DAMAGES = ("digits", "labels")
_LETTER = {"0": "O", "1": "l"}
_LOOKALIKE = "口日曰目田甲由申"
_NUMBER = re.compile(r"\d+")
_WORDS = re.compile(r"[\u4e00-\u9fff]{4,}")


def damage(text: str, rng: random.Random, kinds: frozenset[str], rate: float = 0.05) -> str:
    """``text`` with OCR damage of ``kinds`` at ``rate`` per number and per table-row word run."""
    out = []
    for line in text.split("\n"):
        row = "|" in line or "\t" in line or bool(re.search(r"\d\s+\d", line))
        if "digits" in kinds:
            line = _NUMBER.sub(lambda m: _misread_digit(m.group(), rng, rate), line)
        if "labels" in kinds and row:
            line = _WORDS.sub(lambda m: _misread_word(m.group(), rng, rate * 3), line)
        out.append(line)
    return "\n".join(out)


def _misread_digit(number: str, rng: random.Random, rate: float) -> str:
    if rng.random() >= rate:
        return number
    if number == "0" and rng.random() < 0.25:
        return "D"
    k = rng.randrange(len(number))
    return number[:k] + _LETTER.get(number[k], number[k]) + number[k + 1:]


def _misread_word(word: str, rng: random.Random, rate: float) -> str:
    if rng.random() >= rate:
        return word
    k = rng.randrange(len(word))
    return word[:k] + rng.choice(_LOOKALIKE) + word[k + 1:]
