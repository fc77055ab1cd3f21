"""Coders: objects that turn segments into codings, all with one interface.

A coder is registered under a name (spaCy-style registry, :data:`coders`) and built with
:func:`make_coder`. Every coder follows the scikit-learn pattern:

``fit(segments, codings=None) -> self``
    Learn from human codings (a learned coder) or prepare (the rules coder compiles its patterns).
``predict(segments) -> DataFrame``
    One row per (segment, code) with the columns :data:`pipeline.columns.CODINGS`.

Names in ``StudyConfig.coders`` / ``--coder``: ``rules`` (the codebook's patterns), ``keywords``
(a naive one-keyword-per-code baseline, for comparison), and ``model:<name>`` for a learned coder:
a factory registered as ``"model"`` receives ``model_name=<name>``. Third-party packages can
register coders through the ``regie_coders`` entry point group.
"""
from __future__ import annotations

import catalogue

from ..errors import ConfigError
from .base import BaseCoder

#: The coder registry: name → factory(codebook, config, **kwargs) returning a coder.
coders = catalogue.create("regie", "coders", entry_points=True)


def register_coder(name: str):
    """Decorator that registers a coder class or factory under ``name``.

    >>> @register_coder("my_coder")
    ... class MyCoder(BaseCoder): ...
    """
    return coders.register(name)


def make_coder(name: str, codebook, config=None):
    """Build the coder called ``name``.

    Parameters
    ----------
    name : str
        ``rules``, ``keywords`` or ``model:<name>``.
    codebook : pipeline.codebook.Codebook
    config : pipeline.config.StudyConfig, optional

    Returns
    -------
    BaseCoder
        Unfitted; :meth:`BaseCoder.predict` fits a rules-type coder on first use.

    Raises
    ------
    ConfigError
        When no coder is registered under that name.
    """
    _load_builtin()
    base, _, arg = name.partition(":")
    kwargs = {"model_name": arg} if arg else {}
    try:
        factory = coders.get(base)
    except catalogue.RegistryError:
        known = ", ".join(sorted(coders.get_all())) or "none"
        raise ConfigError(f"unknown coder {name!r} (registered: {known}; learned coders are "
                          f"named model:<name>)") from None
    return factory(codebook=codebook, config=config, **kwargs)


def _load_builtin() -> None:
    # Importing registers them; done lazily so that `import pipeline.coders` stays cheap.
    from . import keywords, rules  # noqa: F401


__all__ = ["BaseCoder", "coders", "make_coder", "register_coder"]
