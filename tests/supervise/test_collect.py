"""Collecting files, folders and zips: provenance recorded, duplicates merged, unsafe archives refused."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from gongkai.readers.safety import ZipLimits
from gongkai.supervise.collect import CollectLimits, Origin, collect_paths, member_name

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "gongkai" / "sample_reports"
A = (SAMPLES / "000_11de511653868c0f.txt").read_bytes()
B = (SAMPLES / "001_9e58b98aa5ba2831.txt").read_bytes()


class GbkInfo(zipfile.ZipInfo):
    """A member named as Chinese Windows' zip tools name it: GBK bytes, no UTF-8 flag."""

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def _zip(path: Path, members: dict[str, bytes], *, utf8: bool = True) -> Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo(name) if utf8 else GbkInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    path.write_bytes(buf.getvalue())
    return path


def test_files_folders_and_zips_with_provenance(tmp_path: Path) -> None:
    folder = tmp_path / "收件"
    folder.mkdir()
    (folder / "a.txt").write_bytes(A)
    (folder / ".hidden.txt").write_bytes(b"x")
    (folder / "notes.xlsx").write_bytes(b"x")
    archive = _zip(tmp_path / "batch.zip", {"乡镇/白家庄镇.txt": B, "乡镇/重复.txt": A, "readme.jpg": b"x",
                                            "__MACOSX/._a.txt": b"x"})
    got = collect_paths([folder, archive], by="李四")
    assert [(i.name, i.origin, i.source, i.collected_by) for i in got.items] == [
        (str(folder / "a.txt"), Origin.FOLDER, str(folder), "李四"),
        (f"{archive}!乡镇/白家庄镇.txt", Origin.ZIP, str(archive), "李四"),
    ]
    assert [(d.name, d.same_as) for d in got.duplicates] == [(f"{archive}!乡镇/重复.txt", str(folder / "a.txt"))]
    assert got.errors == []
    assert got.items[0].collected_at.tzinfo is not None
    assert len(got.items[0].sha256) == 64


def test_gbk_member_names_decoded(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "w.zip", {"平型关镇年报.txt": A}, utf8=False)
    got = collect_paths([archive])
    assert [i.name for i in got.items] == [f"{archive}!平型关镇年报.txt"]
    assert member_name("abc.txt", 0) == "abc.txt"


def test_traversal_and_bomb_refused(tmp_path: Path) -> None:
    evil = _zip(tmp_path / "evil.zip", {"../../etc/x.txt": A})
    bomb = _zip(tmp_path / "bomb.zip", {"big.txt": b"0" * 3_000_000})
    limits = CollectLimits(zip=ZipLimits(max_ratio=100.0, ratio_floor=1_000_000))
    got = collect_paths([evil, bomb], limits=limits)
    assert got.items == []
    assert [(e.source, e.message) for e in got.errors] == [
        (str(evil), "压缩包内含有不安全的路径：../../etc/x.txt"),
        (str(bomb), "疑似压缩炸弹：big.txt 的压缩比超过 100:1"),
    ]


def test_nested_zip_empty_zip_and_size_cap(tmp_path: Path) -> None:
    inner = _zip(tmp_path / "inner.zip", {"a.txt": A})
    outer = _zip(tmp_path / "outer.zip", {"inner.zip": inner.read_bytes()})
    empty = _zip(tmp_path / "empty.zip", {"photo.jpg": b"x"})
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    got = collect_paths([outer, empty, big, tmp_path / "none.txt"], limits=CollectLimits(max_file_bytes=1500))
    assert [(e.source, e.message) for e in got.errors] == [
        (f"{outer}!inner.zip", "压缩包内还有压缩包，未展开；请解压后再上传"),
        (str(empty), "压缩包中没有报告文件"),
        (str(big), "文件大小 0.0 MB 超过上限（0 MB）"),
        (str(tmp_path / "none.txt"), "文件或目录不存在"),
    ]


def test_same_file_twice_is_one_submission(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(A)
    (tmp_path / "a-copy.txt").write_bytes(A)
    got = collect_paths([tmp_path / "a.txt", tmp_path / "a-copy.txt"])
    assert len(got.items) == 1 and [d.same_as for d in got.duplicates] == [str(tmp_path / "a.txt")]


def test_formats_agencies_send_but_no_reader_reads_are_named(tmp_path: Path) -> None:
    folder = tmp_path / "收件"
    folder.mkdir()
    (folder / "财政局.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "名录.xlsx").write_bytes(b"x")  # not a report: ignored, not an error
    archive = _zip(tmp_path / "b.zip", {"民政局.wps": b"x", "教育局.txt": A})
    got = collect_paths([folder, archive])
    assert [i.name for i in got.items] == [f"{archive}!教育局.txt"]
    assert [(Path(e.source.split("!")[-1]).name, e.message) for e in got.errors] == [
        ("财政局.doc", "旧版 Word（.doc）格式无法读取，请另存为 .docx 或 PDF 格式"),
        ("民政局.wps", "WPS 文字（.wps）格式无法读取，请另存为 .docx 或 PDF 格式"),
    ]
