"""The project's own error types.

Every problem with a user's input is raised as :class:`InputError`, which names the file and,
where it makes sense, the place in it (line, paragraph, cell). Readers never let another
exception escape for bad input; the batch records the message and goes on.
"""
from __future__ import annotations

from pathlib import Path


class RegieError(Exception):
    """Base class of all errors the pipeline raises on purpose."""


class InputError(RegieError):
    """An input file cannot be used.

    Parameters
    ----------
    path : str or Path
        The offending file.
    message : str
        What is wrong, in words a researcher understands.
    location : str, optional
        Where in the file: ``"line 12"``, ``"paragraph 4"``, ``"Scan!D5"``.
    """

    def __init__(self, path: str | Path, message: str, location: str | None = None):
        self.path = str(path)
        self.message = message
        self.location = location
        super().__init__(str(self))

    def __str__(self) -> str:
        name = Path(self.path).name
        if self.location:
            # ``file.xlsx!Scan!D5`` style for cells, ``file.txt:12`` style for lines.
            sep = "!" if "!" in self.location else ", "
            return f"{name}{sep}{self.location}: {self.message}"
        return f"{name}: {self.message}"


class ConfigError(RegieError):
    """The study configuration or codebook is invalid (exit status 1)."""
