"""The house style of every chart: fonts, sizes, colours and deterministic file output.

Charts are sized for the text width of an A4 page with 2.5 cm margins (16 cm ≈ 6.3 in) so that
a figure pasted into a report at page width shows its text at 8–9 pt, the size of a table.
Colours come from the Okabe–Ito palette, which stays distinguishable for the common forms of
colour blindness and in greyscale print (the style colours differ in lightness too).
"""
from __future__ import annotations

import textwrap
from contextlib import contextmanager
from pathlib import Path

import matplotlib
from matplotlib.colors import LinearSegmentedColormap

#: Okabe & Ito (2008), "Color Universal Design"; black last so that it is used sparingly.
OKABE_ITO = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermilion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",
)
GREY = "#8C8C8C"
LIGHT_GREY = "#E6E6E6"

#: One colour per regie style, the same in every chart and notebook.
STYLE_COLOURS = {
    "casusgericht": OKABE_ITO[0],
    "netwerkgericht": OKABE_ITO[1],
    "onbepaald": GREY,
}
STYLE_MARKERS = {"casusgericht": "o", "netwerkgericht": "s", "onbepaald": "D"}
STYLE_LABELS = {
    "casusgericht": "Casusgericht",
    "netwerkgericht": "Netwerkgericht",
    "onbepaald": "Onbepaald",
}

#: Highest and lowest competence in the profile chart.
HIGH_COLOUR = OKABE_ITO[2]
LOW_COLOUR = OKABE_ITO[3]

#: Single-hue sequential map (white → Okabe–Ito blue → dark blue): ordered by lightness, so it
#: reads the same for colour-blind readers and in greyscale.
SEQUENTIAL = LinearSegmentedColormap.from_list("regie_blauw", ["#FFFFFF", "#9CC7E4", "#0072B2", "#003A5C"])

#: Width of the text block of an A4 page with 2.5 cm margins, in inches.
PAGE_WIDTH_IN = 6.3
DPI = 300

RC_PARAMS = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 8.5,
    "axes.titlesize": 9.5,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 8.5,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "axes.prop_cycle": matplotlib.cycler(color=list(OKABE_ITO)),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#4D4D4D",
    "axes.linewidth": 0.6,
    "xtick.color": "#4D4D4D",
    "ytick.color": "#4D4D4D",
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "axes.grid": False,
    "grid.color": LIGHT_GREY,
    "grid.linewidth": 0.6,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "figure.dpi": 100,
    "savefig.dpi": DPI,
    # Same ids in every SVG for the same figure, so that reruns are byte-identical.
    "svg.hashsalt": "regie-pipeline",
    # Text as outlines: the SVG looks the same on machines without DejaVu Sans.
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
}

#: File metadata without dates or version strings (byte-identical reruns across installs).
SVG_METADATA = {"Date": None, "Creator": None}
PNG_METADATA = {"Software": None}


@contextmanager
def house_style():
    """Context in which charts are drawn and saved with the house style.

    Examples
    --------
    >>> with house_style():
    ...     fig = plot_code_frequencies(run.code_summary, run.codebook)
    """
    with matplotlib.rc_context(RC_PARAMS):
        yield


def wrap(label: str, width: int = 28) -> str:
    """Break a long (Dutch) label over lines of at most ``width`` characters.

    Compound words longer than ``width`` stay whole rather than being cut mid-word.
    """
    return "\n".join(textwrap.wrap(str(label), width=width, break_long_words=False,
                                   break_on_hyphens=True)) or str(label)


def save_figure(fig, path_stem: Path) -> list[Path]:
    """Save ``fig`` as ``{path_stem}.png`` (300 dpi) and ``{path_stem}.svg``, deterministically.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    path_stem : Path
        Target without suffix, e.g. ``out/figures/code_frequenties``.

    Returns
    -------
    list of Path
        The PNG and SVG paths, in that order.
    """
    path_stem = Path(path_stem)
    path_stem.parent.mkdir(parents=True, exist_ok=True)
    png = path_stem.with_suffix(".png")
    svg = path_stem.with_suffix(".svg")
    with house_style():
        # bbox "tight" keeps wrapped labels and legends outside the axes inside the image.
        fig.savefig(png, format="png", dpi=DPI, bbox_inches="tight", pad_inches=0.05,
                    metadata=PNG_METADATA)
        fig.savefig(svg, format="svg", bbox_inches="tight", pad_inches=0.05, metadata=SVG_METADATA)
    return [png, svg]
