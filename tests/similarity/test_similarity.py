"""The shared similarity figure: copies score high, independent reports low, passages map back."""

from __future__ import annotations

import itertools
import random
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.similarity import (
    Passage,
    containment,
    estimate,
    jaccard,
    near_duplicates,
    own_text,
    own_words,
    shared_passages,
    shingles,
    signature,
    signatures,
    similarity,
)
from gongkai.similarity.minhash import EXACT_BELOW

DATA = Path(__file__).resolve().parents[1] / "data"
SEEDS = sorted((DATA / "seeds").glob("*.txt"))
CORPUS = [DATA / "corpus" / "huaian-city-2024.txt", DATA / "corpus" / "pingtan-2023.txt"]
REAL = [p.read_text(encoding="utf-8") for p in [*SEEDS, *CORPUS]]


def edited_copy(text: str) -> str:
    """Last year's report reissued: new year and numbers, a few words changed, one line added."""
    out = text.replace("2023", "2024").replace("2022", "2023")
    out = re.sub(r"\d+", lambda m: str(int(m.group()) + 7), out)
    out = out.replace("加强", "强化", 3).replace("进一步", "持续", 2)
    return out.replace("二、主动公开政府信息情况", "今年新增一项便民服务举措。\n二、主动公开政府信息情况", 1)


def test_own_words_drop_template_wording_digits_and_punctuation() -> None:
    text = (
        "一、总体情况\n（一）主动公开方面\n2023年我镇共公开信息96条，群众满意！\n"
        "二、主动公开政府信息情况\n\t第二十条第（一）项\n\t信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
        "\t规章\t0\t0\t0\n（七）总计\t1\t2\n根据《中华人民共和国政府信息公开条例》（以下简称《条例》）编制本报告。\n"
    )
    assert own_words(text) == "年我镇共公开信息条群众满意"


def test_own_words_drop_latin_letters() -> None:
    # URLs, a crawler's header and leaked style sheets are letters: none of them is the report's prose
    text = "我局网站ｗｗｗ首页栏目运行良好，MsoNormalTable mso-style-name 普通表格设置规范"
    assert own_words(text) == "我局网站首页栏目运行良好普通表格设置规范"


def test_own_text_offsets_point_at_the_original_characters() -> None:
    for text in REAL:
        own = own_text(text)
        assert len(own.offsets) == len(own.text)
        assert all(text[o] == c for o, c in zip(own.offsets, own.text, strict=True))
        assert list(own.offsets) == sorted(own.offsets)


def test_a_copy_with_small_edits_scores_high() -> None:
    for text in REAL:
        copy = edited_copy(text)
        assert similarity(copy, text) >= 0.9
        assert similarity(text, copy) >= 0.9


def test_independent_reports_sharing_only_template_wording_score_low() -> None:
    figures = [similarity(a, b) for i, a in enumerate(REAL) for j, b in enumerate(REAL) if i != j]
    assert len(figures) == len(REAL) * (len(REAL) - 1)
    assert max(figures) < 0.2


def test_template_wording_alone_is_not_shared() -> None:
    # Two seeds without their sentences: only the tables and headings, and the signature, are left.
    tables = [re.sub(r"[^\n]*[。，][^\n]*\n", "", t) for t in REAL[:2]]
    assert [own_words(t) for t in tables] == ["繁峙县平型关镇人民政府", "白家庄镇人民政府"]


def test_jaccard_and_containment() -> None:
    a, b = frozenset({1, 2, 3, 4}), frozenset({3, 4, 5})
    assert jaccard(a, b) == pytest.approx(2 / 5)
    assert containment(a, b) == pytest.approx(2 / 4)
    assert containment(b, a) == pytest.approx(2 / 3)
    assert jaccard(frozenset(), frozenset()) == 0.0
    assert containment(frozenset(), b) == 0.0


def test_shingles_are_stable_hashes() -> None:
    # blake2b, not Python's salted hash(): these values are the same in every process.
    assert shingles("我镇无网络平台建设") == shingles("我镇无网络平台建设")
    assert min(shingles("我镇无网络平台")) == min(shingles("我镇无网络平台"))
    assert len(shingles("我镇无网络平台")) == 3  # 7 characters → 3 shingles of 5
    assert shingles("") == frozenset()


def test_shared_passages_map_back_to_original_offsets() -> None:
    source = REAL[0]
    copy = edited_copy(source)
    passages = shared_passages(copy, source)
    assert passages, "an edited copy shares long passages with its source"
    covered = sum(len(own_words(p.text)) for p in passages)
    assert covered >= 0.85 * len(own_words(copy))
    for p in passages:
        assert isinstance(p, Passage)
        assert p.text == copy[p.a_start : p.a_end]
        assert own_words(copy[p.a_start : p.a_end]) == own_words(source[p.b_start : p.b_end])
        assert len(own_words(p.text)) >= 20
    starts = [p.a_start for p in passages]
    assert starts == sorted(starts)
    assert all(x.a_end <= y.a_start for x, y in itertools.pairwise(passages))


def test_shared_passages_survive_changed_numbers() -> None:
    a = "2023年，我镇继续加大政府信息主动公开力度，全年共公开信息96条，涵盖乡村振兴和安全生产。"
    b = "前言。\n2024年，我镇继续加大政府信息主动公开力度，全年共公开信息120条，涵盖乡村振兴和安全生产。"
    [p] = shared_passages(a, b)
    assert p.text == a[a.index("年") : a.index("。")]
    assert b[p.b_start : p.b_end] == b[b.index("年") : b.rindex("。")]


def test_no_passage_between_independent_reports_reaches_forty_characters() -> None:
    assert shared_passages(REAL[2], REAL[4], min_chars=40) == []


def test_signature_estimates_exact_jaccard() -> None:
    pairs = [(edited_copy(REAL[0]), REAL[0]), (REAL[0], REAL[1]), (REAL[5], REAL[6])]
    half = REAL[1][: len(REAL[1]) // 2] + REAL[3][len(REAL[3]) // 2 :]
    pairs.append((half, REAL[1]))
    for a, b in pairs:
        exact = jaccard(shingles(a), shingles(b))
        assert abs(estimate(signature(a), signature(b)) - exact) < 0.1


def test_signature_format_is_fixed_bytes() -> None:
    sig = signature(REAL[0])
    assert isinstance(sig, bytes) and len(sig) == 4 * 128
    assert signature(REAL[0], num_perm=64) == signatures([REAL[0]], num_perm=64)[0]
    assert len(signature(REAL[0], num_perm=64)) == 256
    assert signature(REAL[0]) == sig
    assert estimate(signature(""), signature("")) == 1.0
    with pytest.raises(ValueError):
        estimate(sig, sig[:8])


def test_near_duplicates_exact_path_finds_the_copy_only() -> None:
    items = [(p.stem, t) for p, t in zip([*SEEDS, *CORPUS], REAL, strict=True)]
    items.append(("copy", edited_copy(REAL[3])))
    found = near_duplicates(items, 0.5)
    assert [(a, b) for a, b, _ in found] == [(SEEDS[3].stem, "copy")]
    assert found[0][2] >= 0.9


def test_near_duplicates_lsh_path_finds_the_copies() -> None:
    rng = random.Random(7)
    alphabet = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    filler = ["".join(rng.choices(alphabet, k=600)) for _ in range(EXACT_BELOW)]
    items = [(f"f{i}", t) for i, t in enumerate(filler)]
    items += [("seed0", REAL[0]), ("seed0-copy", edited_copy(REAL[0])), ("pingtan", REAL[6])]
    items += [("pingtan-copy", edited_copy(REAL[6]))]
    found = near_duplicates(items, 0.5)
    assert [(a, b) for a, b, _ in found] == [("pingtan", "pingtan-copy"), ("seed0", "seed0-copy")] or [
        (a, b) for a, b, _ in found
    ] == [("seed0", "seed0-copy"), ("pingtan", "pingtan-copy")]
    assert all(f >= 0.9 for _, _, f in found)


ALL_REAL = REAL + [p.read_text(encoding="utf-8") for p in sorted((DATA / "corpus").glob("pt-*.txt"))]


@pytest.mark.parametrize("index", range(len(ALL_REAL)))
def test_own_words_is_own_text_without_the_offsets(index: int) -> None:
    """``own_words`` works by lines and matches, ``own_text`` by characters: the same words."""
    text = ALL_REAL[index]
    assert own_words(text) == own_text(text).text
    assert own_words(edited_copy(text)) == own_text(edited_copy(text)).text


@given(st.text(alphabet=st.sampled_from(list("政府信息公开年度报告本镇一二三（）、。\n\t 0123456789申请人情况主动公开情况ab")),
               max_size=300))
def test_own_words_agrees_with_own_text_on_any_text(text: str) -> None:
    assert own_words(text) == own_text(text).text


def test_shingle_hashes_do_not_depend_on_how_the_text_is_encoded() -> None:
    """Chinese-only own words take the byte-slicing path; text with other characters the per-shingle
    path: a shingle has the same hash either way (the signature format does not change)."""
    from gongkai.similarity.shingles import hash_shingle, shingle_set

    words = "我镇无网络平台建设和政务公开专栏"
    assert shingle_set(words) == frozenset(hash_shingle(words[i : i + 5]) for i in range(len(words) - 4))
    mixed = "我镇ab网络平台"
    assert shingle_set(mixed) == frozenset(hash_shingle(mixed[i : i + 5]) for i in range(len(mixed) - 4))
