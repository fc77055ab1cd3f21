"""Privacy by default: pseudonymise transcripts, keep the key private, check outputs for leaks.

Used by :func:`pipeline.run.run_study`::

    p = Pseudonymiser(config=config).fit(documents)
    documents = p.transform(documents)
    p.write_private(config.private_dir)     # pseudonym_key.csv, review.csv
    leaks = p.check_leaks(out_dir)          # [{file, line_or_part, type, pseudonym}, ...]

Detection is deduce (offline Dutch de-identification) plus pattern detectors for what it misses in
interviews (:mod:`.patterns`), places behind organisations' names and small named organisations
(:mod:`.organisations`), speaker-label names and name linking (:mod:`.names`); the allow-list
(``codebook/allow_list.yaml``) keeps organisations, programmes, roles and cited authors.
"""
from .allow_list import AllowList, load_allow_list
from .engine import DeduceEngine, cache_dir, get_deduce
from .leaks import EXTRACTORS, check_leaks, leak_identifiers
from .patterns import DETECTORS, detect_patterns
from .pseudonymiser import KEY_COLUMNS, REVIEW_COLUMNS, TYPES, Pseudonymiser

__all__ = [
    "AllowList", "DETECTORS", "DeduceEngine", "EXTRACTORS", "KEY_COLUMNS", "Pseudonymiser",
    "REVIEW_COLUMNS", "TYPES", "cache_dir", "check_leaks", "detect_patterns", "get_deduce",
    "leak_identifiers", "load_allow_list",
]
