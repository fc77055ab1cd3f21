"""The deduce detector: one shared instance per process, fed turn by turn.

deduce (Dutch de-identification, LGPL) takes 7–10 s to start and, on first use, builds a ~77 MB
cache of lookup structures (1–2 minutes). The cache goes to ``PROJECT_ROOT/.cache/deduce``
(git-ignored), or, when that is not writable, to ``$XDG_CACHE_HOME/regie-pipeline/deduce`` or the
system temp folder; ``REGIE_DEDUCE_CACHE`` overrides it. Never into site-packages.
"""
from __future__ import annotations

import gc
import logging
import os
import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from ..config import PROJECT_ROOT

logger = logging.getLogger(__name__)

_LOCK = threading.Lock()
_INSTANCE = None
_IMPORTED = False

#: deduce tag → pseudonym type.
DEDUCE_TAGS = {
    "persoon": "PERSOON",
    "patient": "PERSOON",
    "locatie": "LOCATIE",
    "datum": "DATUM",
    "leeftijd": "LEEFTIJD",
    "bsn": "BSN",
    "id": "ID",
    "telefoonnummer": "TELEFOON",
    "emailadres": "EMAIL",
    "url": "URL",
    "ziekenhuis": "INSTELLING",
    "zorginstelling": "INSTELLING",
    "instelling": "INSTELLING",
}

#: Longer texts are cut at sentence or line ends into pieces of about this size, which keeps
#: deduce's cost linear and its memory small on a transcript that is one huge turn.
CHUNK_CHARS = 8_000


@dataclass(frozen=True)
class Detection:
    """One detected identifier in a text.

    ``start``/``end`` are code-point offsets (end exclusive); ``type`` is a pseudonym type
    (``PERSOON``, ``LOCATIE``, ...); ``source`` says which detector found it.
    """

    start: int
    end: int
    type: str
    source: str
    priority: int = 0


def import_deduce():
    """Import deduce without letting it configure the root logger.

    ``deduce/deduce.py`` calls ``logging.basicConfig(stream=sys.stdout, level=DEBUG)`` at import,
    which would flood every later log call of every library onto stdout. A temporary handler on
    the root logger makes that call a no-op.
    """
    global _IMPORTED
    if _IMPORTED:
        import deduce

        return deduce
    root = logging.getLogger()
    guard = logging.NullHandler()
    added = not root.handlers
    if added:
        root.addHandler(guard)
    try:
        import deduce
    finally:
        if added:
            root.removeHandler(guard)
    _IMPORTED = True
    return deduce


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
        return True
    except OSError:
        return False


def cache_dir() -> Path:
    """Where deduce's lookup cache lives (created if needed); see the module docstring."""
    candidates = []
    if os.environ.get("REGIE_DEDUCE_CACHE"):
        candidates.append(Path(os.environ["REGIE_DEDUCE_CACHE"]))
    candidates.append(PROJECT_ROOT / ".cache" / "deduce")
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    candidates.append(Path(xdg) / "regie-pipeline" / "deduce")
    candidates.append(Path(tempfile.gettempdir()) / "regie-pipeline-cache" / "deduce")
    for folder in candidates:
        if _writable(folder):
            return folder
    raise OSError("no writable folder for deduce's cache; set REGIE_DEDUCE_CACHE")


def get_deduce():
    """The process-wide :class:`deduce.Deduce` instance, built on first call."""
    global _INSTANCE
    with _LOCK:
        if _INSTANCE is None:
            import_deduce()
            from deduce import Deduce

            folder = cache_dir()
            if not (folder / "cache" / "lookup_structs.pickle").exists():
                logger.warning("building deduce's lookup cache in %s (one time, 1–2 minutes)", folder)
            # deduce's lookup structures are millions of small objects. Without the collector
            # running over them while they load, and moved to the permanent generation after,
            # start-up is faster and the process does not spend half a minute in garbage
            # collection at exit.
            was_enabled = gc.isenabled()
            gc.disable()
            try:
                _INSTANCE = Deduce(cache_path=folder)
            finally:
                gc.freeze()
                if was_enabled:
                    gc.enable()
    return _INSTANCE


_CUT = re.compile(r"(?<=[.!?…])\s+|\n+")


def chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """Cut ``text`` into ``(offset, piece)`` pairs of at most about ``size`` characters.

    Cuts fall after a sentence end or at a line break, else at white space, else hard.
    """
    if len(text) <= size:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        stop = min(len(text), start + size)
        if stop < len(text):
            window = text[start + size // 2:stop]
            cuts = [m.end() for m in _CUT.finditer(window)]
            if not cuts:
                cuts = [m.end() for m in re.finditer(r"\s+", window)]
            if cuts:
                stop = start + size // 2 + cuts[-1]
        out.append((start, text[start:stop]))
        start = stop
    return out


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


class DeduceEngine:
    """Runs deduce on a text and returns :class:`Detection` objects.

    Parameters
    ----------
    deduce : deduce.Deduce, optional
        An instance to use; default the process-wide one (:func:`get_deduce`).
    """

    #: Post-processors that only produce deduce's redacted text, which is not used.
    DISABLED = frozenset({"redactor"})

    def __init__(self, deduce=None):
        self._deduce = deduce

    @property
    def deduce(self):
        if self._deduce is None:
            self._deduce = get_deduce()
        return self._deduce

    def detect(self, text: str) -> list[Detection]:
        """Detections in ``text``, sorted by position. Never raises on odd text."""
        if not text or not text.strip():
            return []
        found: list[Detection] = []
        # deduce's lists write "'s-Heerenhoek" with a straight apostrophe; Word and transcription
        # tools type a curly one. One character for another keeps every offset.
        text = text.translate(_APOSTROPHES)
        for offset, piece in chunks(text):
            doc = self.deduce.deidentify(piece, disabled=set(self.DISABLED))
            for ann in doc.annotations:
                kind = DEDUCE_TAGS.get(ann.tag.split("+")[0], ann.tag.upper())
                found.append(Detection(ann.start_char + offset, ann.end_char + offset, kind,
                                       f"deduce:{ann.tag}"))
        return sorted(found, key=lambda d: (d.start, d.end, d.type))
