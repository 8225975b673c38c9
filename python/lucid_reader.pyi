"""Lucid Reader's core: the article, its metadata, key facts and citations from a web page."""

import os
from typing import Any, Iterator, Literal, TypedDict

__version__: str

class Fact(TypedDict):
    kind: str
    text: str

class Article(TypedDict):
    title: str
    authors: list[str]
    published: str | None
    site_name: str | None
    lang: str | None
    dir: str | None
    excerpt: str | None
    image: str | None
    url: str
    text: str
    html: str
    markdown: str
    word_count: int
    facts: list[dict[str, Any]]
    # The facts panel: "people", "organisations", "places", "figures", each a
    # ranked list of {"text", "role"?, "mentions", "first", "at"}.
    panel: dict[str, list[dict[str, Any]]]
    citation: dict[str, str]

class ExtractionError(ValueError):
    """The page gave no article; the message is the CLI's."""

    code: Literal["empty", "not-html", "not-an-article", "bad-option", "internal"]

def extract(
    html: str | bytes,
    url: str = "",
    *,
    force: bool = False,
    accessed: str | None = None,
    charset: str | None = None,
) -> Article:
    """The article of a page, with the fields of `lucid extract --format json`.

    `html` as str, or bytes decoded as a browser would (byte-order mark,
    `charset`, `<meta charset>`, UTF-8, else windows-1252). `url` resolves
    links and is cited. `force` extracts even what does not look like an
    article. `accessed` (YYYY-MM-DD) is the cited access date (default:
    today). The GIL is released while the core works. Raises ExtractionError.
    """

class WarcPage(TypedDict):
    id: str
    url: str
    html: str

class WarcPages(Iterator[WarcPage]):
    """A WARC file's HTML pages; other records are counted in `skipped`."""

    skipped: dict[str, int]
    def __iter__(self) -> WarcPages: ...
    def __next__(self) -> WarcPage: ...

def read_warc(path: str | os.PathLike[str]) -> WarcPages:
    """The HTML response (and resource) records of a `.warc` or `.warc.gz`
    file, one at a time, as `lucid batch` reads them. Raises OSError."""
