"""Text that pdfminer/pdfplumber extracted, with Kangxi radicals for ideographs, reads as the page."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai import api
from gongkai.readers.document import fold
from gongkai.readers.radicals import RADICALS, ideographs
from tests.synth.check import mismatches
from tests.synth.layouts import LAYOUTS, TEXT_LAYOUTS
from tests.synth.strategies import Case, cases


def test_radicals_fold_to_the_ideographs_they_stand_for() -> None:
    printed = "⼀、本年新收政府信息公开申请数量 ⼆、上年结转 ⾃然⼈ 中华⼈⺠共和国 ⻔⼾⽹站 ⾏政"
    plain = "一、本年新收政府信息公开申请数量 二、上年结转 自然人 中华人民共和国 门户网站 行政"
    assert fold(printed) == plain
    assert ideographs(printed) == plain
    assert ideographs("（一）予以公开 3") == "（一）予以公开 3"  # nothing else changes
    assert all(len(k) == len(v) == 1 for k, v in RADICALS.items())  # one character for one


def _radicalised(text: str) -> str:
    """``text`` as pdfminer writes it for many fonts: every ideograph that has a radical form, as that."""
    back = {ord(v): k for k, v in RADICALS.items()}
    return text.translate(back)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(), layout=st.sampled_from(TEXT_LAYOUTS))
def test_text_with_radicals_reads_like_the_text(case: Case, layout: str) -> None:
    rendering = LAYOUTS[layout](case.build(), random.Random(case.render_seed))
    text = rendering.data.decode("utf-8")
    assert _radicalised(text) != text  # (一, 二, 人 … are in every report)
    report = api.read(rendering.filename, data=_radicalised(text).encode("utf-8"))
    assert not mismatches(rendering, report)


def test_the_written_out_kangxi_table_is_unicodes() -> None:
    import unicodedata

    from gongkai.readers.radicals import KANGXI

    assert "".join(unicodedata.normalize("NFKC", chr(cp)) for cp in range(0x2F00, 0x2FD6)) == KANGXI
