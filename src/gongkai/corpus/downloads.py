"""URLs named in a manifest, fetched once into ``DIR/_downloads`` and read from there afterwards.

The driver fetches (politely: ``gongkai.readers.fetch`` paces each host, obeys robots.txt, caps
sizes and retries), so workers never touch the network and a rerun costs no request for a URL
already fetched. ``_downloads/index.jsonl`` maps each URL to its file; a URL that could not be
fetched is tried again on the next run and, meanwhile, is an ``unreadable`` row with its sentence.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

FOLDER = "_downloads"
INDEX = "index.jsonl"
_SUFFIXES = {
    "text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt", "text/markdown": ".md",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "multipart/related": ".mhtml", "message/rfc822": ".mhtml",  # a page saved as one file (.mht)
}
_KNOWN = (".html", ".htm", ".txt", ".md", ".pdf", ".docx", ".mhtml", ".mht")


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    path: str | None  # the local copy, or None when the URL could not be fetched
    error: str | None = None


def _suffix(url: str, content_type: str | None) -> str:
    if content_type in _SUFFIXES:
        return _SUFFIXES[content_type]
    suffix = PurePosixPath(urlsplit(url).path).suffix.lower()
    return suffix if suffix in _KNOWN else ".html"


def fetch_all(urls: Sequence[str], root: Path, *, fetcher: object | None = None,
              on_fetched: Callable[[Fetched], None] | None = None) -> list[Fetched]:
    """Each URL's local copy, fetching only those not fetched by an earlier run."""
    folder = root / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    index_path = folder / INDEX
    known: dict[str, str] = {}
    if index_path.exists():
        for line in index_path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                known[record["url"]] = record["file"]
    out: list[Fetched] = []
    own = None
    try:
        for url in urls:
            name = known.get(url)
            if name and (folder / name).is_file():
                out.append(Fetched(url, str(folder / name)))
                continue
            if fetcher is None:
                from gongkai.readers.fetch import Fetcher

                fetcher = own = Fetcher()
            result = _fetch_one(fetcher, url, folder, index_path)
            out.append(result)
            if on_fetched is not None:
                on_fetched(result)
    finally:
        if own is not None:
            own.close()
    return out


def _fetch_one(fetcher: object, url: str, folder: Path, index_path: Path) -> Fetched:
    from gongkai.errors import GongkaiError

    try:
        page = fetcher.fetch(url)  # type: ignore[attr-defined]
    except GongkaiError as exc:
        return Fetched(url, None, str(exc))
    name = hashlib.blake2b(url.encode(), digest_size=10).hexdigest() + _suffix(url, page.content_type)
    target = folder / name
    tmp = folder / f".{name}.tmp"
    tmp.write_bytes(page.data)
    os.replace(tmp, target)
    with index_path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"url": url, "file": name, "final_url": page.url, "content_type": page.content_type},
                            ensure_ascii=False) + "\n")
    return Fetched(url, str(target))
