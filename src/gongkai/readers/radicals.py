"""Radical code points in text that PDF tools extracted, read as the ideographs they stand for.

pdfminer (and so pdfplumber's ``extract_text``, and ``pdf2txt``) maps the glyphs of many Chinese
PDF fonts to the Kangxi Radicals block (U+2F00–U+2FD5: "⼀" for 一, "⼈" for 人, "⾏" for 行) or to
the CJK Radicals Supplement ("⺠" for 民, "⻔" for 门): the page shows 一、本年新收, the text holds
code points no label matches. Each such code point is read as its unified ideograph, one
character for one, so offsets stay those of the file. Kangxi radicals map by their Unicode
compatibility decomposition (NFKC), except three whose decomposition is a traditional code point
that simplified text does not use (戶 靑 黃 for 户 青 黄); supplement forms have none, and map by
Unicode's EquivalentUnifiedIdeograph.txt for the forms that stand for a whole character.
"""

from __future__ import annotations

# CJK Radicals Supplement → equivalent unified ideograph (Unicode EquivalentUnifiedIdeograph.txt).
_SUPPLEMENT = {
    "⺟": "母", "⺠": "民", "⻄": "西", "⻅": "见", "⻆": "角", "⻉": "贝", "⻋": "车", "⻓": "长",
    "⻔": "门", "⻗": "雨", "⻘": "青", "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食",
    "⻢": "马", "⻣": "骨", "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄",
    "⻪": "黾", "⻬": "齐", "⻮": "齿", "⻰": "龙", "⻳": "龟",
}
# Kangxi radicals whose compatibility decomposition is the traditional form of a character that
# simplified text writes with another code point and the same shape: 门户 is printed with ⼾, not 戶.
_SIMPLIFIED = {"⼾": "户", "⾭": "青", "⿈": "黄"}


#: The Kangxi Radicals block, U+2F00 onwards: each radical's NFKC decomposition, in order (written
#: out: normalising 214 characters at every start-up cost more than the rest of this module).
KANGXI = (
    "一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈戶手支攴文斗斤方无日"
    "曰月木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行"
    "衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨靑非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠鼻齊齒龍龜龠"
)


def _build() -> dict[str, str]:
    table = {chr(0x2F00 + i): ch for i, ch in enumerate(KANGXI)}
    table.update(_SUPPLEMENT)
    table.update(_SIMPLIFIED)
    return table


#: Radical code point → the ideograph it stands for; folded by ``document.fold`` with the
#: full-width forms, so every label search and every value read sees the ideographs.
RADICALS: dict[str, str] = _build()


def ideographs(text: str) -> str:
    """``text`` with its radical code points replaced: for the few short strings kept as printed
    (a signer's name), where the folded text's full-width forms are not wanted."""
    return "".join([RADICALS.get(ch, ch) for ch in text])
