"""The run manifest: what went in, with which settings and software, and what came out."""
from __future__ import annotations

import hashlib
import platform
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

#: Packages whose versions can change a run's results.
TRACKED_PACKAGES = (
    "regie-pipeline", "pandas", "numpy", "spacy", "simplemma", "python-docx", "openpyxl",
    "deduce", "matplotlib", "pydantic", "PyYAML", "krippendorff", "pyarrow",
)


def sha256_file(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def package_versions() -> dict[str, str]:
    found = {}
    for name in TRACKED_PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found


def input_files(config) -> list[dict]:
    """Every input file of the run with its SHA-256 (paths as given, sorted)."""
    from .ingest import discover

    paths: list[Path] = []
    for root, suffixes in ((config.transcripts, None), (config.scans, None)):
        if root is not None and Path(root).exists():
            paths += discover(Path(root), suffixes)
    for single in (config.respondents, config.codebook, config.competences, config.allow_list):
        if single is not None and Path(single).is_file():
            paths.append(Path(single))
    unique = sorted({p.resolve(): p for p in paths}.values(), key=lambda p: str(p))
    return [{"path": str(p), "sha256": sha256_file(p), "bytes": p.stat().st_size} for p in unique]


def _turn_model(config) -> dict | None:
    """Which model read the respondents' answers (``None`` with ``turn_leaning: focus_words``)."""
    from .orientation import DEFAULT_TURN_MODEL

    if config.styles.turn_leaning != "learned":
        return None
    path = Path(config.styles.turn_model or DEFAULT_TURN_MODEL)
    # the shipped model by its place in the package, not by this machine's install path
    shipped = f"(shipped) {DEFAULT_TURN_MODEL.relative_to(DEFAULT_TURN_MODEL.parents[2]).as_posix()}"
    return {"path": shipped if config.styles.turn_model is None else str(path), "sha256": sha256_file(path)}


def build_manifest(config, codebook, documents, run, timings: dict, leaks: list | None = None) -> dict:
    """Assemble ``manifest.json``'s content.

    Timings and the run date are in ``run_info``; everything else depends only on inputs,
    settings and software, so two runs differ only there.
    """
    from datetime import datetime, timezone

    status = documents["status"].value_counts().to_dict() if len(documents) else {}
    return {
        "pipeline": {"name": "regie-pipeline", "version": package_versions()["regie-pipeline"]},
        "inputs": input_files(config),
        "codebook": {
            "path": str(config.codebook),
            "version": getattr(codebook, "version", ""),
            "sha256": getattr(codebook, "sha256", ""),
            "n_codes": len(getattr(codebook, "codes", [])),
        },
        "settings": config.settings(),
        "turn_model": _turn_model(config),
        "packages": package_versions(),
        "python": platform.python_version(),
        "counts": {
            "documents_ok": int(status.get("ok", 0)),
            "documents_skipped": int(status.get("skipped", 0)),
            "segments": int(len(run.segments)),
            "codings": int(len(run.codings)),
            "respondents": int(len(run.respondents)),
            "competence_scores": int(len(run.competences)),
        },
        "skipped": [{"path": s.path, "kind": s.kind, "message": s.message} for s in run.skipped],
        # Where each leak is (file, place, type, pseudonym) — never the identifier itself.
        "leak_check": {"identifiers_found_in_outputs": len(leaks or []), "pseudonymised": config.pseudonymise,
                       "leaks": list(leaks or [])},
        "run_info": {
            "started": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "stage_seconds": timings,
        },
    }
