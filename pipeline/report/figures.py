"""The study's charts, drawn from the run's tables in one house style.

Every chart function takes tidy DataFrames (with the columns of :mod:`pipeline.columns`), the
codebook where code labels are needed, and an optional matplotlib ``ax`` to draw into; it returns
the :class:`~matplotlib.figure.Figure`. Notebooks call these functions directly; the batch run
uses the :data:`FIGURES` registry, which knows each chart's file name, caption and how to pick its
tables from a :class:`~pipeline.run.Run`.

Empty input (no codings, no competence scan, no style scores) never raises: the function returns
a small figure that says "Geen gegevens" and why, marked so that :func:`has_data` is ``False``.
The file is still written (stable file names: a notebook or a report template can rely on
``figures/{name}.png`` existing); the report leaves such figures out and says so in the text.

Figures are created with :class:`matplotlib.figure.Figure` rather than ``pyplot``: nothing is
registered globally, so a batch run does not accumulate open figures and no GUI backend is
needed (saving uses Agg).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from ..columns import STYLES
from .labels import CodeLabels, competence_label, competence_labels, style_label
from .style import (
    GREY,
    HIGH_COLOUR,
    LIGHT_GREY,
    LOW_COLOUR,
    OKABE_ITO,
    PAGE_WIDTH_IN,
    SEQUENTIAL,
    STYLE_COLOURS,
    STYLE_MARKERS,
    house_style,
    save_figure,
    wrap,
)

#: Label given to a figure that only says "Geen gegevens".
NO_DATA = "regie:geen-gegevens"
#: Heatmaps get numbers in their cells up to this many cells; beyond that they become unreadable.
MAX_ANNOTATED_CELLS = 400


# --------------------------------------------------------------------------------------------
# helpers


def _figure(ax, height: float, width: float = PAGE_WIDTH_IN):
    """A new constrained-layout figure of ``width`` × ``height`` inches, or ``ax``'s figure."""
    if ax is not None:
        return ax.figure, ax
    fig = Figure(figsize=(width, max(height, 1.2)), layout="constrained")
    return fig, fig.add_subplot()


def _no_data(ax, message: str) -> Figure:
    """A figure that says there is nothing to show, and why."""
    fig, ax = _figure(ax, 1.4)
    ax.set_axis_off()
    ax.text(0.5, 0.5, "Geen gegevens\n" + wrap(message, 70), ha="center", va="center",
            color=GREY, fontsize=9, transform=ax.transAxes)
    fig.set_label(NO_DATA)
    return fig


def has_data(fig: Figure) -> bool:
    """``False`` for the "Geen gegevens" placeholder figure."""
    return fig.get_label() != NO_DATA


#: Tallest chart (inches) that still fits an A4 page at full text width with its caption.
MAX_HEIGHT_IN = 8.4
#: Label wrap widths tried, narrowest first: wide labels only when rows would not fit.
WRAP_WIDTHS = (40, 52, 66)


def _fit_rows(raw: list[str], *, per_row: float = 0.24, extra: float = 0.9,
              prefixes: list[str] | None = None,
              widths: tuple[int, ...] = WRAP_WIDTHS) -> tuple[list[str], float, float]:
    """Wrapped tick labels, figure height and tick font size for one chart row per label.

    Labels are wrapped as narrowly as possible while the chart stays within
    :data:`MAX_HEIGHT_IN`; with many rows they become single lines and, if need be, a little
    smaller, so that a large codebook gives a dense but readable full-page chart rather than
    one that the report has to shrink.

    Returns
    -------
    (ticks, height, fontsize)
    """
    prefixes = prefixes or [""] * len(raw)
    n = max(len(raw), 1)
    for width in widths:
        ticks = [p + wrap(t, width) for p, t in zip(prefixes, raw)]
        lines = max((t.count("\n") + 1 for t in ticks), default=1)
        height = extra + max(per_row, 0.115 * lines + 0.08) * n
        if height <= MAX_HEIGHT_IN:
            return ticks, height, 8.0
    ticks = [p + wrap(t, widths[-1]) for p, t in zip(prefixes, raw)]
    lines = max((t.count("\n") + 1 for t in ticks), default=1)
    row = max(0.125 * lines, (MAX_HEIGHT_IN - extra) / n)
    return ticks, extra + row * n, (8.0 if row >= 0.15 * lines else 6.5)


def _cell_text(value: float, decimals: int) -> str:
    if decimals == 0 or float(value).is_integer():
        return f"{int(round(value))}"
    return f"{value:.{decimals}f}".replace(".", ",")


def _heatmap(ax, values: np.ndarray, *, annotations: np.ndarray | None, vmin: float, vmax: float,
             decimals: int = 0, missing_text: str = "–", blank: np.ndarray | None = None,
             hide_zero: bool = False):
    """Draw ``values`` (rows × columns) as vector cells with readable numbers.

    NaN cells are *missing* (hatched, with ``missing_text``); ``blank`` cells are not drawn at
    all (e.g. the upper triangle of a symmetric matrix); ``hide_zero`` leaves zeros unlabelled.
    """
    blank = np.zeros(values.shape, dtype=bool) if blank is None else blank
    masked = np.ma.masked_where(np.isnan(values) | blank, values)
    mesh = ax.pcolormesh(masked, cmap=SEQUENTIAL, vmin=vmin, vmax=vmax, edgecolors="white",
                         linewidth=0.6)
    n_rows, n_cols = values.shape
    missing = np.argwhere(np.isnan(values) & ~blank)
    for r, c in missing:
        ax.add_patch(_missing_cell(c, r))
    if annotations is not None and values.size <= MAX_ANNOTATED_CELLS:
        span = (vmax - vmin) or 1.0
        size = 7 if n_cols <= 14 else 6
        for r in range(n_rows):
            for c in range(n_cols):
                shade = values[r, c]
                text = annotations[r, c]
                if blank[r, c] or (hide_zero and not isinstance(text, str) and text == 0):
                    continue
                if np.isnan(shade):
                    ax.text(c + 0.5, r + 0.5, missing_text, ha="center", va="center",
                            fontsize=size, color=GREY)
                    continue
                if isinstance(text, float) and np.isnan(text):
                    continue
                dark = (shade - vmin) / span > 0.55
                ax.text(c + 0.5, r + 0.5, text if isinstance(text, str) else _cell_text(text, decimals),
                        ha="center", va="center", fontsize=size, color="white" if dark else "#1A1A1A")
    ax.set_xlim(0, n_cols)
    ax.set_ylim(n_rows, 0)  # first row at the top
    ax.tick_params(length=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    return mesh


def _missing_cell(x: float, y: float):
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), 1, 1, facecolor=LIGHT_GREY, edgecolor="white", linewidth=0.6,
                     hatch="////", zorder=0.5)


def _colorbar(fig, mesh, ax, label: str, n_rows: int):
    bar = fig.colorbar(mesh, ax=ax, fraction=0.04, pad=0.02, shrink=1.0 if n_rows > 6 else 0.9,
                       aspect=max(8, min(30, 2.2 * n_rows)))
    bar.set_label(label)
    bar.outline.set_visible(False)
    bar.ax.tick_params(length=2)
    return bar


def _column_ticks(ax, names: list[str]):
    """Column labels of a heatmap: horizontal when they fit, else vertical and as small as needed.

    Call after everything else is drawn: the font size follows from the final cell width, so
    that many respondents (or codes) give small labels rather than overlapping ones.
    """
    positions = np.arange(len(names)) + 0.5
    longest = max((len(n) for n in names), default=1)
    ax.figure.draw_without_rendering()
    cell_pt = ax.get_window_extent().width / max(len(names), 1) * 72.0 / ax.figure.dpi
    if longest * 0.62 * 8 <= cell_pt * 0.9:
        ax.set_xticks(positions, names, rotation=0, fontsize=8)
    else:
        # Rotated, a label's width on the page is its line height (~1.2 × font size).
        ax.set_xticks(positions, names, rotation=90, fontsize=float(np.clip(cell_pt / 1.25, 4.5, 8)))


def _dot_plot_axes(ax, y, ticks, fontsize, scale, xlabel) -> None:
    """The shared frame of the competence dot plots: one row per competence, top to bottom."""
    ax.set_yticks(y, ticks, fontsize=fontsize)
    ax.set_ylim(len(y) - 0.5, -0.5)
    _scale_ticks(ax, scale)
    ax.set_xlabel(xlabel)
    ax.grid(axis="x")
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)


def _scale_ticks(ax, scale: tuple[int, int]):
    low, high = scale
    ax.set_xlim(low - 0.3, high + 0.3)
    ax.set_xticks(range(int(low), int(high) + 1))


def _numeric(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series, errors="coerce")


# --------------------------------------------------------------------------------------------
# codes


def plot_code_frequencies(code_summary: pd.DataFrame, codebook=None, *, ax=None) -> Figure:
    """Horizontal bars: number of coded segments per code, grouped by theme.

    Parameters
    ----------
    code_summary : DataFrame
        One row per code, columns ``code_id, label, parent, n_segments, ...``.
    codebook : Codebook, optional
        Labels and the theme hierarchy; without it ``label``/``parent`` columns are used.
    ax : matplotlib Axes, optional

    Returns
    -------
    Figure
        One bar per code without subcodes. Codes are grouped under their theme (top-level code,
        a bold row without a bar; themes in codebook order) and sorted from most to least
        frequent within it. Grouping rather than colouring by theme keeps the chart readable
        for any number of themes. Codes never assigned get a zero bar: also a finding.
    """
    with house_style():
        labels = CodeLabels.from_run_parts(codebook, code_summary)
        df = code_summary.copy()
        df["code_id"] = df["code_id"].astype(str)
        df["n_segments"] = _numeric(df["n_segments"]).fillna(0)
        df = df[~df["code_id"].map(labels.is_parent)]
        if df.empty or df["n_segments"].sum() == 0:
            return _no_data(ax, "Er zijn geen gecodeerde segmenten.")
        df["order"] = df["code_id"].map(labels.sort_key)
        df["theme"] = df["code_id"].map(labels.top)
        rows: list[tuple[str, str, float | None]] = []  # (kind, code or theme id, count)
        for theme in sorted(set(df["theme"]), key=labels.sort_key):
            part = df[df["theme"] == theme].sort_values(["n_segments", "order"], ascending=[False, True],
                                                        kind="mergesort")
            if not (len(part) == 1 and part["code_id"].iloc[0] == theme):
                rows.append(("theme", theme, None))
            rows.extend(("code", c, n) for c, n in zip(part["code_id"], part["n_segments"]))
        ticks, height, fontsize = _fit_rows([labels.label(key) for _, key, _ in rows], per_row=0.22, extra=0.7)
        fig, ax = _figure(ax, height)
        code_y = [i for i, (kind, _, _) in enumerate(rows) if kind == "code"]
        counts = [n for kind, _, n in rows if kind == "code"]
        bars = ax.barh(code_y, counts, color=OKABE_ITO[0], height=0.68)
        ax.set_yticks(range(len(rows)), ticks, fontsize=fontsize)
        for tick, (kind, _, _) in zip(ax.get_yticklabels(), rows):
            if kind == "theme":
                tick.set_fontweight("bold")
                tick.set_color("#1A1A1A")
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.bar_label(bars, labels=[f"{int(v)}" for v in counts], padding=2, fontsize=7, color="#333333")
        ax.set_xlabel("Aantal gecodeerde segmenten")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlim(0, max(counts) * 1.12)
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        ax.grid(axis="x")
        ax.set_axisbelow(True)
        return fig


def plot_code_respondent_heatmap(code_by_respondent: pd.DataFrame, codebook=None,
                                 code_summary: pd.DataFrame | None = None, *, ax=None) -> Figure:
    """Heatmap of codes (rows, codebook order) × respondents (columns).

    Cell colour is ``share`` (the code's share of the respondent's segments); the number in the
    cell is ``n_segments``. Only codes that were assigned at least once are shown.

    Parameters
    ----------
    code_by_respondent : DataFrame
        Columns ``code_id, respondent_id, n_segments, share``.
    codebook : Codebook, optional
    code_summary : DataFrame, optional
        Fallback source of labels when there is no codebook.
    """
    with house_style():
        labels = CodeLabels.from_run_parts(codebook, code_summary)
        df = code_by_respondent.copy()
        if df.empty:
            return _no_data(ax, "Er zijn geen codes aan respondenten toegekend.")
        df["code_id"] = df["code_id"].astype(str)
        df["respondent_id"] = df["respondent_id"].astype(str)
        df["n_segments"] = _numeric(df["n_segments"]).fillna(0)
        df["share"] = _numeric(df["share"])
        df = df[~df["code_id"].map(labels.is_parent)]
        used = df.groupby("code_id")["n_segments"].sum()
        codes = sorted(used[used > 0].index, key=labels.sort_key)
        if not codes:
            return _no_data(ax, "Er zijn geen codes aan respondenten toegekend.")
        respondents = sorted(df["respondent_id"].unique())
        counts = df.pivot_table(index="code_id", columns="respondent_id", values="n_segments",
                                aggfunc="sum").reindex(index=codes, columns=respondents).fillna(0)
        shares = df.pivot_table(index="code_id", columns="respondent_id", values="share",
                                aggfunc="sum").reindex(index=codes, columns=respondents)
        colour_values = shares.fillna(0).to_numpy(dtype=float)
        if not np.isfinite(shares.to_numpy(dtype=float)).any():
            colour_values = counts.to_numpy(dtype=float)  # no shares given: colour by count
        ticks, height, fontsize = _fit_rows([labels.label(c) for c in codes], per_row=0.26, extra=1.0,
                                            widths=(40, 50))
        fig, ax = _figure(ax, height)
        vmax = float(np.nanmax(colour_values)) or 1.0
        mesh = _heatmap(ax, colour_values, annotations=counts.to_numpy(dtype=float), vmin=0, vmax=vmax,
                        hide_zero=True)
        ax.set_yticks(np.arange(len(codes)) + 0.5, ticks, fontsize=fontsize)
        ax.set_xlabel("Respondent")
        bar = _colorbar(fig, mesh, ax, "Aandeel van de segmenten\nvan de respondent", len(codes))
        bar.formatter = PercentFormatter(1.0, decimals=0)
        bar.update_ticks()
        _column_ticks(ax, respondents)
        return fig


def plot_code_cooccurrence(cooccurrence: pd.DataFrame, codebook=None,
                           code_summary: pd.DataFrame | None = None, *, ax=None) -> Figure:
    """Lower-triangle heatmap: in how many segments two codes were assigned together.

    Rows carry numbered labels (``3  Vertrouwen``); columns carry only the numbers, which keeps
    long Dutch labels horizontal and readable. Each pair appears once (below the diagonal);
    empty cells are pairs that never co-occur.

    Parameters
    ----------
    cooccurrence : DataFrame
        Columns ``code_a, code_b, n_segments`` (either or both orders of a pair; rows with
        ``code_a == code_b`` are ignored).
    """
    with house_style():
        labels = CodeLabels.from_run_parts(codebook, code_summary)
        df = cooccurrence.copy()
        if not df.empty:
            df["code_a"] = df["code_a"].astype(str)
            df["code_b"] = df["code_b"].astype(str)
            df["n_segments"] = _numeric(df["n_segments"]).fillna(0)
            df = df[(df["code_a"] != df["code_b"]) & (df["n_segments"] > 0)]
        if df.empty:
            return _no_data(ax, "Geen enkel segment heeft twee of meer codes.")
        codes = sorted(set(df["code_a"]) | set(df["code_b"]), key=labels.sort_key)
        index = {c: i for i, c in enumerate(codes)}
        matrix = np.zeros((len(codes), len(codes)))
        for row in df.itertuples(index=False):
            i, j = index[row.code_a], index[row.code_b]
            # A table may list a pair once (a < b) or in both orders; take the larger count.
            value = max(matrix[i, j], float(row.n_segments))
            matrix[i, j] = matrix[j, i] = value
        # All codes as rows (each label once, numbered), columns 1..n-1: the strict lower
        # triangle holds every pair once; the empty last column is left out.
        lower = matrix[:, :-1]
        blank = np.triu(np.ones(lower.shape, dtype=bool), k=0)
        numbers = [str(i + 1) for i in range(len(codes))]
        ticks, height, fontsize = _fit_rows([labels.label(c) for c in codes], per_row=0.27, extra=1.1,
                                            prefixes=[f"{n}  " for n in numbers], widths=(40, 50))
        fig, ax = _figure(ax, height)
        mesh = _heatmap(ax, lower, annotations=lower, vmin=0, vmax=float(lower.max()) or 1.0,
                        blank=blank, hide_zero=True)
        ax.set_yticks(np.arange(len(ticks)) + 0.5, ticks, fontsize=fontsize)
        ax.set_xlabel("Code (nummer zoals links)")
        bar = _colorbar(fig, mesh, ax, "Segmenten met\nbeide codes", len(ticks))
        bar.locator = MaxNLocator(integer=True)
        bar.update_ticks()
        _column_ticks(ax, numbers[:-1])
        return fig


# --------------------------------------------------------------------------------------------
# regie styles


def _label_clusters(x: np.ndarray, y: np.ndarray, names: list[str], tolerance: float) -> list[tuple]:
    """Group points closer than ``tolerance`` so that they share one label (no overlapping text).

    Returns ``(x, y, label)`` per group, in a deterministic order.
    """
    order = sorted(range(len(names)), key=lambda i: (x[i], y[i], names[i]))
    groups: list[list[int]] = []
    for i in order:
        for group in groups:
            if any(abs(x[i] - x[j]) <= tolerance and abs(y[i] - y[j]) <= tolerance for j in group):
                group.append(i)
                break
        else:
            groups.append([i])
    out = []
    for group in groups:
        ids = sorted(names[i] for i in group)
        lines = [", ".join(ids[k:k + 3]) for k in range(0, len(ids), 3)]
        out.append((float(np.mean(x[group])), float(np.mean(y[group])), "\n".join(lines)))
    return out


#: Label positions tried around a point, in points: (dx, dy, ha, va), best first.
LABEL_OFFSETS = (
    (5, 2, "left", "bottom"), (-5, 2, "right", "bottom"), (5, -2, "left", "top"),
    (-5, -2, "right", "top"), (0, 6, "center", "bottom"), (0, -6, "center", "top"),
    (6, 11, "left", "bottom"), (-6, 11, "right", "bottom"), (6, -11, "left", "top"),
    (-6, -11, "right", "top"), (12, 0, "left", "center"), (-12, 0, "right", "center"),
)


def _overlap(a, b) -> float:
    dx = min(a[2], b[2]) - max(a[0], b[0])
    dy = min(a[3], b[3]) - max(a[1], b[1])
    return dx * dy if dx > 0 and dy > 0 else 0.0


def _place_labels(fig, ax, points: np.ndarray, clusters: list[tuple], fontsize: float = 7.0):
    """Annotate each cluster where its text overlaps no other label, point or the axes edge.

    Text extents are estimated from the character count (DejaVu Sans averages ~0.6 em per
    character), which is enough to keep short respondent ids apart without a renderer.
    """
    fig.draw_without_rendering()  # final layout, so that data → display transforms are exact
    scale = fig.dpi / 72.0
    to_display = ax.transData.transform
    frame = ax.get_window_extent()
    marker = 4.0 * scale
    anchors = to_display(points)
    point_boxes = [(px - marker, py - marker, px + marker, py + marker) for px, py in anchors]
    slack = 8.0 * scale  # labels may stick out of the axes a little (there is white space)
    placed: list[tuple] = []
    for cx, cy, text in sorted(clusters, key=lambda c: (-c[1], c[0], c[2])):
        lines = text.split("\n")
        width = max(len(line) for line in lines) * 0.62 * fontsize * scale
        height = len(lines) * 1.25 * fontsize * scale
        anchor_x, anchor_y = to_display((cx, cy))
        best, best_cost = None, None
        for dx, dy, ha, va in LABEL_OFFSETS:
            x0 = anchor_x + dx * scale - {"left": 0, "center": width / 2, "right": width}[ha]
            y0 = anchor_y + dy * scale - {"bottom": 0, "center": height / 2, "top": height}[va]
            box = (x0, y0, x0 + width, y0 + height)
            cost = sum(_overlap(box, other) for other in placed)
            cost += sum(_overlap(box, p) for p in point_boxes)
            # Below and left of the axes are the tick labels: no slack there.
            outside = (max(0, frame.x0 - box[0]) + max(0, box[2] - frame.x1 - slack)
                       + max(0, frame.y0 - box[1]) + max(0, box[3] - frame.y1 - slack))
            cost += outside * height
            # A label nearer to another point than to its own would name the wrong point.
            centre = np.array([(box[0] + box[2]) / 2, (box[1] + box[3]) / 2])
            own = np.hypot(*(centre - (anchor_x, anchor_y)))
            others = np.hypot(*(anchors - centre).T)
            mine = np.hypot(*(anchors - (anchor_x, anchor_y)).T) < 1e-6 * scale + 2 * marker
            if np.any(others[~mine] < own):
                cost += width * height
            if best_cost is None or cost < best_cost - 1e-9:
                best, best_cost = (dx, dy, ha, va, box), cost
            if cost == 0:
                break
        dx, dy, ha, va, box = best
        placed.append(box)
        ax.annotate(text, (cx, cy), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                    fontsize=fontsize, color="#1A1A1A", zorder=4, annotation_clip=False)


def plot_style_scatter(respondents: pd.DataFrame, *, ax=None) -> Figure:
    """Casus score against netwerk score per respondent, coloured and shaped by regie style.

    Points above the dashed diagonal lean to netwerkgericht, below it to casusgericht. Points
    that (nearly) coincide share one label.

    Parameters
    ----------
    respondents : DataFrame
        Columns ``respondent_id, style, casus_score, netwerk_score`` (shares 0..1).
    """
    with house_style():
        df = respondents.copy()
        if not df.empty:
            df["casus_score"] = _numeric(df["casus_score"])
            df["netwerk_score"] = _numeric(df["netwerk_score"])
            df = df.dropna(subset=["casus_score", "netwerk_score"])
        if df.empty:
            return _no_data(ax, "Er zijn geen regiestijlscores (geen gecodeerde respondentsegmenten).")
        df["respondent_id"] = df["respondent_id"].astype(str)
        df["style"] = df["style"].fillna("onbepaald").astype(str)
        fig, ax = _figure(ax, 4.3, width=5.2)
        top = max(float(df[["casus_score", "netwerk_score"]].to_numpy().max()) * 1.15, 0.05)
        ax.plot([-0.03 * top, top], [-0.03 * top, top], linestyle=(0, (4, 3)), color=GREY, linewidth=0.8, zorder=1)
        ax.text(top * 0.97, top * 0.97, "gelijke scores", rotation=45, rotation_mode="anchor",
                ha="right", va="bottom", color=GREY, fontsize=7, transform_rotates_text=True)
        styles = [s for s in STYLES if s in set(df["style"])] + sorted(set(df["style"]) - set(STYLES))
        for style in styles:
            part = df[df["style"] == style]
            ax.scatter(part["casus_score"], part["netwerk_score"], s=34, zorder=3,
                       color=STYLE_COLOURS.get(style, OKABE_ITO[4]),
                       marker=STYLE_MARKERS.get(style, "^"), edgecolor="white", linewidth=0.6,
                       label=f"{style_label(style)} (n = {len(part)})")
        # A little room below zero: points on an axis are drawn whole, not cut in half.
        ax.set_xlim(-0.03 * top, top)
        ax.set_ylim(-0.03 * top, top)
        ax.set_aspect("equal", adjustable="box")
        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_xlabel("Casusgericht: aandeel van de segmenten")
        ax.set_ylabel("Netwerkgericht: aandeel van de segmenten")
        ax.legend(title="Regiestijl", title_fontsize=8, loc="upper left", bbox_to_anchor=(1.02, 1.0),
                  borderaxespad=0)
        xy = df[["casus_score", "netwerk_score"]].to_numpy(dtype=float)
        clusters = _label_clusters(xy[:, 0], xy[:, 1], df["respondent_id"].tolist(), tolerance=top * 0.025)
        _place_labels(fig, ax, xy, clusters)
        return fig


# --------------------------------------------------------------------------------------------
# competences


def _competence_means(competence_summary: pd.DataFrame) -> pd.DataFrame:
    df = competence_summary.copy()
    df["competence"] = df["competence"].astype(str)
    df["mean"] = _numeric(df["mean"])
    df["sd"] = _numeric(df["sd"]).fillna(0.0)
    df["n"] = _numeric(df["n"]).fillna(0).astype(int)
    df = df.dropna(subset=["mean"])
    return df.sort_values(["mean", "competence"], ascending=[False, True], kind="mergesort")


def plot_competence_profile(competence_summary: pd.DataFrame, *, scale: tuple[int, int] = (1, 5),
                            labels: dict[str, str] | None = None, ax=None) -> Figure:
    """The group's competence profile: mean ± sd per competence, highest and lowest marked.

    Parameters
    ----------
    competence_summary : DataFrame
        Columns ``competence, n, mean, sd, ...``; one row per competence.
    scale : (int, int)
        The scan's scale, for the axis.
    labels : dict, optional
        Competence name → display label (:func:`competence_labels`).
    """
    with house_style():
        df = _competence_means(competence_summary) if not competence_summary.empty else competence_summary
        if df.empty:
            return _no_data(ax, "Er is geen competentiescan ingelezen.")
        highest, lowest = df["mean"].max(), df["mean"].min()
        ticks, height, fontsize = _fit_rows([f"{competence_label(c, labels)} (n = {n})"
                                             for c, n in zip(df["competence"], df["n"])], per_row=0.27, extra=0.8)
        fig, ax = _figure(ax, height)
        y = np.arange(len(df))
        colours = []
        for mean in df["mean"]:
            if np.isclose(mean, highest) and not np.isclose(highest, lowest):
                colours.append(HIGH_COLOUR)
            elif np.isclose(mean, lowest) and not np.isclose(highest, lowest):
                colours.append(LOW_COLOUR)
            else:
                colours.append(OKABE_ITO[0])
        for yi, mean, sd, colour in zip(y, df["mean"], df["sd"], colours):
            ax.errorbar(mean, yi, xerr=sd, fmt="o", color=colour, ecolor=colour, elinewidth=1.2,
                        capsize=2.5, markersize=5, zorder=3)
        _dot_plot_axes(ax, y, ticks, fontsize, scale, f"Gemiddelde score ± sd (schaal {scale[0]}–{scale[1]})")
        # Means in a column right of the plot, so they never collide with the error bars.
        transform = ax.get_yaxis_transform()
        for yi, mean, colour in zip(y, df["mean"], colours):
            note = {HIGH_COLOUR: "  hoogste", LOW_COLOUR: "  laagste"}.get(colour, "")
            ax.text(1.02, yi, f"{mean:.2f}".replace(".", ",") + note, transform=transform,
                    va="center", ha="left", fontsize=7.5, color=colour if note else "#333333",
                    fontweight="bold" if note else "normal")
        return fig


def plot_competences_by_respondent(competences: pd.DataFrame, *, scale: tuple[int, int] = (1, 5),
                                   labels: dict[str, str] | None = None, ax=None) -> Figure:
    """Heatmap of scores: competences (rows, highest group mean first) × respondents.

    Missing scores are hatched grey cells with a dash, not zeros.

    Parameters
    ----------
    competences : DataFrame
        Long table with columns ``respondent_id, competence, score``.
    """
    with house_style():
        df = competences.copy()
        if not df.empty:
            df["score"] = _numeric(df["score"])
            df["respondent_id"] = df["respondent_id"].astype(str)
            df["competence"] = df["competence"].astype(str)
        if df.empty or df["score"].notna().sum() == 0:
            return _no_data(ax, "Er is geen competentiescan ingelezen.")
        means = df.groupby("competence")["score"].mean()
        rows = sorted(means.index, key=lambda c: (-(means[c] if pd.notna(means[c]) else -np.inf), c))
        respondents = sorted(df["respondent_id"].unique())
        matrix = df.pivot_table(index="competence", columns="respondent_id", values="score",
                                aggfunc="mean", dropna=False).reindex(index=rows, columns=respondents)
        values = matrix.to_numpy(dtype=float)
        ticks, height, fontsize = _fit_rows([competence_label(c, labels) for c in rows], per_row=0.27, extra=1.0)
        fig, ax = _figure(ax, height)
        # vmin below the scale: the lowest score gets a visible tint, unlike an empty cell.
        mesh = _heatmap(ax, values, annotations=values, vmin=scale[0] - 0.6, vmax=scale[1], decimals=1)
        ax.set_yticks(np.arange(len(rows)) + 0.5, ticks, fontsize=fontsize)
        ax.set_xlabel("Respondent")
        bar = _colorbar(fig, mesh, ax, "Score", len(rows))
        bar.set_ticks(range(int(scale[0]), int(scale[1]) + 1))
        _column_ticks(ax, respondents)
        return fig


def plot_competences_by_style(competences: pd.DataFrame, respondents: pd.DataFrame, *,
                              scale: tuple[int, int] = (1, 5), labels: dict[str, str] | None = None,
                              ax=None) -> Figure:
    """Mean score per competence for each regie style group (dot plot, one marker per style).

    Respondents with a scan but without a style (no interview) are left out.

    Parameters
    ----------
    competences : DataFrame
        Columns ``respondent_id, competence, score``.
    respondents : DataFrame
        Columns ``respondent_id, style``.
    """
    with house_style():
        if competences.empty or respondents.empty:
            return _no_data(ax, "Er zijn geen respondenten met zowel een competentiescan als een regiestijl.")
        scores = competences[["respondent_id", "competence", "score"]].copy()
        scores["respondent_id"] = scores["respondent_id"].astype(str)
        scores["score"] = _numeric(scores["score"])
        styles_of = respondents[["respondent_id", "style"]].copy()
        styles_of["respondent_id"] = styles_of["respondent_id"].astype(str)
        df = scores.merge(styles_of, on="respondent_id", how="inner").dropna(subset=["score", "style"])
        if df.empty:
            return _no_data(ax, "Er zijn geen respondenten met zowel een competentiescan als een regiestijl.")
        df["style"] = df["style"].astype(str)
        df["competence"] = df["competence"].astype(str)
        overall = df.groupby("competence")["score"].mean()
        rows = sorted(overall.index, key=lambda c: (-overall[c], c))
        styles = [s for s in STYLES if s in set(df["style"])] + sorted(set(df["style"]) - set(STYLES))
        means = df.groupby(["competence", "style"])["score"].mean().unstack("style").reindex(
            index=rows, columns=styles)
        group_size = df.groupby("style")["respondent_id"].nunique()
        ticks, height, fontsize = _fit_rows([competence_label(c, labels) for c in rows], per_row=0.34, extra=1.0)
        fig, ax = _figure(ax, height)
        y = np.arange(len(rows))
        values = means.to_numpy(dtype=float)
        with np.errstate(all="ignore"):
            low, high = np.nanmin(values, axis=1), np.nanmax(values, axis=1)
        ax.hlines(y, low, high, color=LIGHT_GREY, linewidth=2.5, zorder=1)
        # Each style on its own line within the row, so equal means do not hide each other.
        step = 0.5 / max(len(styles), 1)
        for k, style in enumerate(styles):
            dodge = (k - (len(styles) - 1) / 2) * step
            ax.scatter(values[:, k], y + dodge, s=30, zorder=3, color=STYLE_COLOURS.get(style, OKABE_ITO[4]),
                       marker=STYLE_MARKERS.get(style, "^"), edgecolor="white", linewidth=0.5,
                       label=f"{style_label(style)} (n = {int(group_size.get(style, 0))})")
        _dot_plot_axes(ax, y, ticks, fontsize, scale,
                       f"Gemiddelde score per regiestijl (schaal {scale[0]}–{scale[1]})")
        ax.legend(title="Regiestijl", title_fontsize=8, loc="upper left", bbox_to_anchor=(1.02, 1.0),
                  borderaxespad=0)
        return fig


# --------------------------------------------------------------------------------------------
# registry


def scale_of(run) -> tuple[int, int]:
    """The competence scale of a run: from its config, else its manifest's settings, else 1–5."""
    config = getattr(run, "config", None)
    if config is not None:
        return (int(config.scale_min), int(config.scale_max))
    settings = (getattr(run, "manifest", None) or {}).get("settings", {}) or {}
    return (int(settings.get("scale_min", 1)), int(settings.get("scale_max", 5)))


@dataclass(frozen=True)
class FigureSpec:
    """A chart in the registry: its stable file name, Dutch caption and how to draw it from a run.

    Calling the spec with a :class:`~pipeline.run.Run` returns the Figure.
    """

    name: str
    caption: str
    chart: Callable[..., Figure]
    arguments: Callable[[object], dict]

    def __call__(self, run) -> Figure:
        return self.chart(**self.arguments(run))


#: name → chart, in report order. The name is the file stem in ``figures/``.
FIGURES: dict[str, FigureSpec] = {}


def register(name: str, caption: str, arguments: Callable[[object], dict]):
    """Return a decorator that adds a chart function to :data:`FIGURES` under ``name``."""

    def add(chart: Callable[..., Figure]) -> Callable[..., Figure]:
        if name in FIGURES:
            raise ValueError(f"figure {name!r} is registered twice")
        FIGURES[name] = FigureSpec(name, caption, chart, arguments)
        return chart

    return add


register("code_frequenties", "Aantal gecodeerde segmenten per code, gegroepeerd naar thema",
         lambda run: {"code_summary": run.code_summary, "codebook": run.codebook})(plot_code_frequencies)
register("code_respondent_heatmap",
         "Codes per respondent: kleur = aandeel van de segmenten van de respondent, getal = aantal "
         "segmenten (lege cel: code niet toegekend)",
         lambda run: {"code_by_respondent": run.code_by_respondent, "codebook": run.codebook,
                      "code_summary": run.code_summary})(plot_code_respondent_heatmap)
register("code_cooccurrentie", "Samen voorkomen van codes: aantal segmenten waarin beide codes zijn toegekend",
         lambda run: {"cooccurrence": run.cooccurrence, "codebook": run.codebook,
                      "code_summary": run.code_summary})(plot_code_cooccurrence)
register("regiestijl_scatter",
         "Regiestijl per respondent: casusgerichte tegenover netwerkgerichte score",
         lambda run: {"respondents": run.respondents})(plot_style_scatter)
register("competentieprofiel",
         "Competentieprofiel van de groep: gemiddelde score ± standaardafwijking, hoogste en laagste gemarkeerd",
         lambda run: {"competence_summary": run.competence_summary, "scale": scale_of(run),
                      "labels": competence_labels(run)})(plot_competence_profile)
register("competenties_per_respondent", "Competentiescores per respondent",
         lambda run: {"competences": run.competences, "scale": scale_of(run),
                      "labels": competence_labels(run)})(plot_competences_by_respondent)
register("competenties_per_stijl", "Gemiddelde competentiescore per regiestijl",
         lambda run: {"competences": run.competences, "respondents": run.respondents,
                      "scale": scale_of(run), "labels": competence_labels(run)})(plot_competences_by_style)


@dataclass(frozen=True)
class SavedFigure:
    """A chart written to disk: registry name, caption, files and whether it shows data."""

    name: str
    caption: str
    png: Path
    svg: Path
    has_data: bool


def save_figures(run, figures_dir: Path) -> list[SavedFigure]:
    """Draw every registered chart for ``run`` and save it as PNG (300 dpi) and SVG.

    Parameters
    ----------
    run : pipeline.run.Run
    figures_dir : Path
        Usually ``out/figures``; created if needed.

    Returns
    -------
    list of SavedFigure
        In registry order.
    """
    saved = []
    for name, spec in FIGURES.items():
        fig = spec(run)
        png, svg = save_figure(fig, Path(figures_dir) / name)
        saved.append(SavedFigure(name, spec.caption, png, svg, has_data(fig)))
    return saved
