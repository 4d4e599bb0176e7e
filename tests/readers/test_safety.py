"""Hostile and broken containers are refused with one InputError naming the file."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from gongkai import api
from gongkai.errors import InputError, Unreadable, UnsafeArchive
from gongkai.readers.formats.docx import DocxReader
from gongkai.readers.safety import ZipLimits, open_zip, parse_xml, read_member

DOCX = Path(__file__).parent.parent / "data" / "docx" / "lo-2021.docx"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _mark_encrypted(data: bytes) -> bytes:
    """Set the "encrypted" flag in every central directory entry (zipfile cannot write one)."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at != -1:
        out[at + 8] |= 0x1
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


def _docx_with(document_xml: bytes) -> bytes:
    """The fixture DOCX with word/document.xml replaced."""
    src = zipfile.ZipFile(DOCX)
    members = {i.filename: src.read(i) for i in src.infolist()}
    members["word/document.xml"] = document_xml
    return _zip(members)


def test_zip_bomb_is_refused() -> None:
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * (20 * 1024 * 1024)})
    assert len(bomb) < 100_000
    with pytest.raises(UnsafeArchive) as err:
        DocxReader().load(bomb, "bomb.docx")
    assert str(err.value).startswith("bomb.docx：疑似压缩炸弹：word/document.xml")


def test_total_size_and_member_count_caps() -> None:
    data = _zip({f"part{i}.xml": b"x" * 400 for i in range(5)})
    with pytest.raises(UnsafeArchive, match="总大小"):
        open_zip(data, "a.docx", ZipLimits(max_total_bytes=1000))
    with pytest.raises(UnsafeArchive, match="文件过多（5 个"):
        open_zip(data, "a.docx", ZipLimits(max_members=4))
    with pytest.raises(UnsafeArchive, match=r"part0\.xml 解压后过大"):
        open_zip(data, "a.docx", ZipLimits(max_member_bytes=399))
    assert len(open_zip(data, "a.docx").infolist()) == 5


@pytest.mark.parametrize("name", ["../evil.xml", "/etc/passwd", "word/../../evil.xml", "C:/evil.xml", "..\\evil.xml"])
def test_unsafe_member_paths(name: str) -> None:
    with pytest.raises(UnsafeArchive, match="不安全的路径"):
        open_zip(_zip({"word/document.xml": b"<a/>", name: b"x"}), "p.docx")


def test_encrypted_zip_member() -> None:
    with pytest.raises(UnsafeArchive, match="已加密"):
        open_zip(_mark_encrypted(_zip({"word/document.xml": b"<a/>"})), "e.docx")


XXE = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
       b'<w:document xmlns:w="' + W.encode() + b'"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
          + b']><w:document xmlns:w="' + W.encode() + b'"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>')


@pytest.mark.parametrize("xml", [XXE, LAUGHS, XXE.decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16")],
                         ids=["xxe", "billion-laughs", "xxe-utf16"])
def test_entity_declarations_are_refused(xml: bytes) -> None:
    with pytest.raises(UnsafeArchive) as err:
        DocxReader().load(_docx_with(xml), "evil.docx")
    assert str(err.value) == "evil.docx：word/document.xml 含有 DOCTYPE/实体声明（可能是 XXE 或实体炸弹攻击），已拒绝读取"


def test_malformed_xml_part() -> None:
    with pytest.raises(Unreadable, match=r"^bad.docx：word/document.xml 不是有效的 XML"):
        DocxReader().load(_docx_with(b"<w:document xmlns:w='" + W.encode() + b"'><w:body>"), "bad.docx")
    with pytest.raises(Unreadable, match="不是有效的 XML"):
        parse_xml(b"<a><b></a>", "x.docx", "part.xml")


def test_truncated_docx() -> None:
    data = DOCX.read_bytes()
    with pytest.raises(Unreadable) as err:
        DocxReader().load(data[: len(data) // 2], "half.docx")
    assert str(err.value) == "half.docx：文件已损坏或不完整"


def test_corrupt_member_data() -> None:
    data = bytearray(DOCX.read_bytes())
    zf = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 10, start + 60):
        data[i] ^= 0x5A
    with pytest.raises(Unreadable) as err:
        DocxReader().load(bytes(data), "flipped.docx")
    assert str(err.value) == "flipped.docx：文件已损坏或不完整"


def test_missing_member() -> None:
    zf = open_zip(_zip({"a.xml": b"<a/>"}), "m.docx")
    with pytest.raises(Unreadable, match=r"缺少 word/document\.xml"):
        read_member(zf, "word/document.xml", "m.docx")


def test_zip_that_is_not_word() -> None:
    with pytest.raises(Unreadable, match="不是有效的 Word（DOCX）文档"):
        DocxReader().load(_zip({"xl/workbook.xml": b"<workbook/>"}), "book.docx")


@pytest.mark.parametrize("name", ["random.docx", "random.pdf", "random.doc"])
def test_random_bytes_through_api(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(bytes((i * 7919 + 13) % 256 for i in range(4096)))
    with pytest.raises(InputError) as err:
        api.read(path)
    assert str(err.value).startswith(f"{path}：")


def test_bad_files_do_not_stop_a_batch(tmp_path: Path) -> None:
    bad = tmp_path / "bomb.docx"
    bad.write_bytes(_zip({"word/document.xml": b"\0" * (20 * 1024 * 1024)}))
    results = list(api.read_many([bad, DOCX]))
    assert isinstance(results[0].error, UnsafeArchive) and results[0].report is None
    assert results[1].error is None and results[1].report is not None
