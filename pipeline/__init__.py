"""regie-pipeline: reproducible, offline qualitative coding of Dutch interviews on regie practice."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("regie-pipeline")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0"


def load_run(path):
    """Load a finished run's tables from its output folder; see :func:`pipeline.run.load_run`."""
    from .run import load_run as _load_run

    return _load_run(path)


__all__ = ["load_run", "__version__"]
