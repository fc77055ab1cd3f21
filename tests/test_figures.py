"""Charts: every registered figure renders from a (small, hand-made) run, deterministically.

The fake run is built here from hand-made DataFrames with the contract columns of
:mod:`pipeline.columns`; ``test_report.py`` and ``test_notebooks.py`` reuse :func:`build_fake_run`.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from matplotlib.figure import Figure

from pipeline import columns, tables
from pipeline.codebook import Codebook
from pipeline.config import StudyConfig
from pipeline.report import figures as F
from pipeline.report.style import save_figure
from pipeline.run import Run, write_tables

# --------------------------------------------------------------------------------------------
# the fake run

CODEBOOK = {
    "name": "Testcodeboek regie",
    "version": "0.9",
    "description": "Klein codeboek voor de tests.",
    "references": {
        "achbab2022": "Achbab, Bosselaar & Van Steden (2022). Regievoeren zonder macht op het snijvlak "
                      "van veiligheid, zorg en sociaal domein.",
        "bosselaar2020": "Bosselaar & Bannink (2020). Het regieproces in vijf stappen.",
    },
    "codes": [
        {"id": "stijl", "label": "Regiestijl", "definition": "Hoe de regisseur regie voert."},
        {"id": "stijl.casusgericht", "label": "Casusgerichte regie", "parent": "stijl",
         "definition": "De regisseur stuurt op de individuele casus en het plan van aanpak.",
         "sources": ["achbab2022"]},
        {"id": "stijl.netwerkgericht", "label": "Netwerkgerichte regie", "parent": "stijl",
         "definition": "De regisseur investeert in het netwerk van partners rond de persoon.",
         "sources": ["achbab2022"]},
        {"id": "proces", "label": "Regieproces", "definition": "De vijf stappen van het regieproces."},
        {"id": "proces.probleemanalyse", "label": "Probleemanalyse en een gedeeld beeld van de casus",
         "parent": "proces", "definition": "Samen met partners de problematiek in kaart brengen.",
         "sources": ["bosselaar2020", "achbab2022"]},
        {"id": "proces.plan", "label": "Plan van aanpak opstellen met ketenpartners", "parent": "proces",
         "definition": "Afspraken over doelen, taken en termijnen.", "sources": ["bosselaar2020"]},
        {"id": "samenwerking", "label": "Samenwerking in het netwerk"},
        {"id": "samenwerking.vertrouwen", "label": "Vertrouwen en wantrouwen tussen professionals",
         "parent": "samenwerking", "definition": "Vertrouwen als voorwaarde voor sturen zonder macht."},
        {"id": "samenwerking.informatiedeling", "label": "Informatiedeling en privacyregels",
         "parent": "samenwerking", "definition": "Wat partners wel en niet mogen delen."},
        {"id": "drempels", "label": "Bureaucratische drempels en tegenstrijdige belangen tussen organisaties",
         "definition": "Regels, procedures en belangen die de aanpak vertragen.", "sources": ["achbab2022"]},
        {"id": "small_wins", "label": "Kleine successen (small wins)",
         "definition": "Kleine, haalbare stappen vooruit.", "sources": ["achbab2022"]},
        {"id": "ongebruikt", "label": "Code die nooit wordt toegekend", "definition": "Voor de test."},
    ],
}

SENTENCES = [
    "We zitten met alle partners aan tafel en bespreken wat er nodig is voor deze jongere.",
    "Ik bel de wijkagent en de reclassering en vraag wat zij deze week hebben gezien.",
    "Soms mag de zorgpartij niets delen vanwege het beroepsgeheim en dan loop je vast.",
    "Het gaat erom dat je elkaar kent en vertrouwt, anders komt er niets van de grond.",
    "Ja.",
    "Dat weet ik niet precies.",
    "In het plan van aanpak leggen we vast wie wat doet en wanneer we het evalueren met elkaar.",
    "Een kleine stap, zoals een afspraak die wel wordt nagekomen, is voor ons al een succes.",
    "De regels van de woningcorporatie en de gemeente botsen soms en dan moet ik bemiddelen "
    "tussen twee organisaties die allebei gelijk denken te hebben, en dat kost veel tijd en "
    "energie omdat iedereen vanuit zijn eigen belang redeneert en niemand echt verantwoordelijk "
    "wil zijn voor het geheel van de aanpak rond deze persoon, terwijl de problemen zich "
    "opstapelen en de buurt steeds meer overlast ervaart van wat er gebeurt, en ondertussen "
    "wachten we op een indicatie die maar niet komt omdat het dossier bij de verkeerde afdeling "
    "ligt en niemand het oppakt, zodat we opnieuw moeten beginnen met het hele verhaal.",
]

STYLE_OF = {"R01": "stijl.casusgericht", "R02": "stijl.casusgericht", "R03": "stijl.netwerkgericht",
            "R04": "stijl.netwerkgericht", "R05": "stijl.casusgericht", "R06": None}
COMPETENCES = ["oordeelsvorming", "onderhandelen", "netwerken", "aanpassingsvermogen",
               "probleemanalyse", "samenwerken", "communicatie", "overtuigingskracht"]


def _segments_and_docs(respondent_ids):
    seg_rows, doc_rows = [], []
    for d, doc_id in enumerate(respondent_ids):
        offset = 0
        n_words = 0
        for k in range(12):
            role = "interviewer" if k % 2 == 0 else "respondent"
            text = "Kunt u daar iets meer over vertellen?" if role == "interviewer" else \
                SENTENCES[(d * 3 + k) % len(SENTENCES)]
            seg_rows.append({"doc_id": doc_id, "segment_id": f"{doc_id}:{k + 1:04d}", "turn_index": k + 1,
                             "speaker": "Interviewer" if role == "interviewer" else "Respondent",
                             "role": role, "start": offset, "end": offset + len(text), "text": text})
            offset += len(text) + 2
            n_words += len(text.split())
        doc_rows.append({"doc_id": doc_id, "source_path": f"transcripts/{doc_id}.docx", "format": "docx",
                         "encoding": "utf-8", "n_turns": 12, "n_segments": 12, "n_words": n_words,
                         "respondent_id": doc_id, "status": "ok", "message": "", "role_method": "labels"})
    doc_rows.append({"doc_id": "kapot", "source_path": "transcripts/kapot.docx", "format": "docx",
                     "encoding": "", "n_turns": 0, "n_segments": 0, "n_words": 0, "respondent_id": "kapot",
                     "status": "skipped", "message": "geen geldig .docx-bestand", "role_method": ""})
    return pd.DataFrame(seg_rows), pd.DataFrame(doc_rows)


def _codings(segments, book):
    rng = np.random.default_rng(7)
    leaves = [c.id for c in book.codable() if not c.id.startswith("stijl") and c.id != "ongebruikt"]
    rows = []
    for seg in segments[segments["role"] == "respondent"].itertuples():
        style = STYLE_OF.get(seg.doc_id)
        chosen = set(rng.choice(leaves, size=int(rng.integers(0, 3)), replace=False))
        if style and rng.random() < 0.7:
            chosen.add(style)
        if seg.doc_id == "R06" and rng.random() < 0.3:
            chosen.add("stijl.casusgericht" if rng.random() < 0.5 else "stijl.netwerkgericht")
        for code_id in sorted(chosen):
            rows.append({"doc_id": seg.doc_id, "segment_id": seg.segment_id, "code_id": code_id,
                         "coder": "rules", "score": round(float(rng.uniform(0.4, 1.0)), 2),
                         "evidence": "samenwerken"})
    return pd.DataFrame(rows, columns=list(columns.CODINGS))


def _analyse(codings, segments, documents, book):
    """A simple stand-in for pipeline.analyse, enough to give the charts realistic tables."""
    resp_segs = segments[segments["role"] == "respondent"]
    per_resp = resp_segs.groupby("doc_id")["segment_id"].count()
    ancestors = {c.id: [c.id] for c in book.codes}
    for c in book.codes:
        p = c.parent
        while p:
            ancestors[c.id].append(p)
            p = book.get(p).parent
    expanded = pd.DataFrame([(r.segment_id, r.doc_id, a) for r in codings.itertuples() for a in ancestors[r.code_id]],
                            columns=["segment_id", "doc_id", "code_id"]).drop_duplicates()
    summary = []
    for c in book.codes:
        part = expanded[expanded["code_id"] == c.id]
        summary.append({"code_id": c.id, "label": c.label, "parent": c.parent, "n_segments": part["segment_id"].nunique(),
                        "n_documents": part["doc_id"].nunique(), "n_respondents": part["doc_id"].nunique()})
    leaf = codings.drop_duplicates(["segment_id", "code_id"])
    by_resp = leaf.groupby(["code_id", "doc_id"])["segment_id"].nunique().rename("n_segments").reset_index()
    by_resp = by_resp.rename(columns={"doc_id": "respondent_id"})
    by_resp["share"] = by_resp["n_segments"] / by_resp["respondent_id"].map(per_resp)
    pairs = leaf.merge(leaf, on="segment_id")
    pairs = pairs[pairs["code_id_x"] < pairs["code_id_y"]]
    cooc = pairs.groupby(["code_id_x", "code_id_y"])["segment_id"].nunique().reset_index()
    cooc.columns = ["code_a", "code_b", "n_segments"]
    resp = []
    for doc_id, n in per_resp.items():
        mine = leaf[leaf["doc_id"] == doc_id]
        casus = mine[mine["code_id"] == "stijl.casusgericht"]["segment_id"].nunique() / n
        netwerk = mine[mine["code_id"] == "stijl.netwerkgericht"]["segment_id"].nunique() / n
        style = "onbepaald" if abs(casus - netwerk) < 0.2 else ("casusgericht" if casus > netwerk else "netwerkgericht")
        ev = mine[mine["code_id"].str.startswith("stijl")]["segment_id"].drop_duplicates().head(2)
        resp.append({"respondent_id": doc_id, "style": style, "casus_score": casus, "netwerk_score": netwerk,
                     "n_segments": int(n), "evidence": ";".join(ev), "casus_focus": 3.0 - 2 * netwerk,
                     "netwerk_focus": 0.5 + 2 * netwerk, "style_index": float(np.log((netwerk + 0.02) / (casus + 0.02))),
                     "casus_turns": int(round(casus * n)), "netwerk_turns": int(round(netwerk * n)),
                     "mixed_turns": int(style == "onbepaald"), "self_label": "",
                     "leaning_share": float((round(casus * n) + round(netwerk * n)) / n),
                     "leaning_probability": min(1.0, 0.2 + casus + netwerk),
                     "organisatie": "Zorg- en Veiligheidshuis"})
    return pd.DataFrame(summary), by_resp, cooc, pd.DataFrame(resp)


def _competences(respondent_ids):
    rng = np.random.default_rng(11)
    rows = []
    for r in respondent_ids + ["R09"]:  # R09 filled in a scan but was not interviewed
        for c in COMPETENCES:
            if (r, c) == ("R03", "netwerken"):
                rows.append({"respondent_id": r, "competence": c, "score": np.nan, "source_file": "scan.xlsx"})
                continue
            base = {"oordeelsvorming": 4.4, "onderhandelen": 2.6}.get(c, 3.5)
            score = int(np.clip(round(base + rng.normal(0, 0.6)), 1, 5))
            rows.append({"respondent_id": r, "competence": c, "score": score, "source_file": "scan.xlsx"})
    comp = pd.DataFrame(rows)
    g = comp.groupby("competence")["score"]
    summary = pd.DataFrame({"n": g.count(), "mean": g.mean(), "sd": g.std(ddof=1), "min": g.min(), "max": g.max()})
    summary["rank"] = summary["mean"].rank(ascending=False, method="min").astype(int)
    return comp, summary.reset_index()[list(columns.COMPETENCE_SUMMARY)]


def build_fake_run(out_dir: Path, *, empty: bool = False, write: bool = False) -> Run:
    """A small but realistic run: 6 interviews, 9 competence scans, a 12-code codebook.

    With ``empty=True`` every table is empty (no codings, no scans). With ``write=True`` the
    tables, texts, codebook YAML and a manifest are written to ``out_dir`` so that
    :func:`pipeline.load_run` can read it (as the notebooks do).
    """
    out_dir = Path(out_dir)
    book = Codebook.model_validate(CODEBOOK)
    config = StudyConfig(name="Testonderzoek regievoering Top600", out=out_dir)
    if empty:
        frames = {name: tables.empty(name) for name in columns.TABLES}
        texts = {}
    else:
        ids = sorted(STYLE_OF)
        segments, documents = _segments_and_docs(ids)
        codings = _codings(segments, book)
        summary, by_resp, cooc, resp = _analyse(codings, segments, documents, book)
        comp, comp_summary = _competences(ids)
        frames = {"documents": documents, "segments": segments, "codings": codings, "code_summary": summary,
                  "code_by_respondent": by_resp, "cooccurrence": cooc, "respondents": resp,
                  "competences": comp, "competence_summary": comp_summary}
        texts = {d: "\n\n".join(segments[segments["doc_id"] == d]["text"]) for d in ids}
    run = Run(out_dir=out_dir, codebook=book, config=config, texts=texts, **frames)
    if write:
        out_dir.mkdir(parents=True, exist_ok=True)
        write_tables(run, out_dir)
        book_path = out_dir.parent / f"{out_dir.name}-codebook.yaml"
        book_path.write_text(yaml.safe_dump(CODEBOOK, allow_unicode=True, sort_keys=False), encoding="utf-8")
        manifest = {"codebook": {"path": str(book_path), "name": book.name, "version": book.version},
                    "settings": config.settings()}
        (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return run


@pytest.fixture()
def fake_run(tmp_path) -> Run:
    return build_fake_run(tmp_path / "out")


@pytest.fixture()
def empty_run(tmp_path) -> Run:
    return build_fake_run(tmp_path / "out", empty=True)


# --------------------------------------------------------------------------------------------
# tests

EXPECTED = {"code_frequenties", "code_respondent_heatmap", "code_cooccurrentie", "regiestijl_scatter",
            "competentieprofiel", "competenties_per_respondent", "competenties_per_stijl"}


def test_registry_has_the_contract_figures():
    assert EXPECTED <= set(F.FIGURES)
    assert len(F.FIGURES) >= 6
    for name, spec in F.FIGURES.items():
        assert spec.name == name and spec.caption and callable(spec.chart)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_figure_renders_with_data(fake_run, name, tmp_path):
    fig = F.FIGURES[name](fake_run)
    assert isinstance(fig, Figure)
    assert F.has_data(fig), f"{name} drew the no-data placeholder for a run with data"
    png, svg = save_figure(fig, tmp_path / "figs" / name)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in svg.read_bytes()[:2000]


def test_save_figures_writes_png_and_svg_with_stable_names(fake_run, tmp_path):
    saved = F.save_figures(fake_run, tmp_path / "figures")
    names = sorted(p.name for p in (tmp_path / "figures").iterdir())
    assert names == sorted([f"{n}.png" for n in F.FIGURES] + [f"{n}.svg" for n in F.FIGURES])
    assert [s.name for s in saved] == list(F.FIGURES)
    assert all(s.has_data for s in saved)


def test_png_is_300_dpi(fake_run, tmp_path):
    from PIL import Image

    png, _ = save_figure(F.FIGURES["code_frequenties"](fake_run), tmp_path / "f")
    with Image.open(png) as image:
        dpi = image.info.get("dpi")
        width_px = image.size[0]
    assert dpi is not None and round(dpi[0]) == 300
    # Drawn for an A4 text width (6.3 in) at 300 dpi: a tight bbox trims a little, never doubles.
    assert 1200 < width_px < 2100


def test_two_renders_are_byte_identical(fake_run, tmp_path):
    first = F.save_figures(fake_run, tmp_path / "a")
    second = F.save_figures(fake_run, tmp_path / "b")
    for a, b in zip(first, second):
        assert a.png.read_bytes() == b.png.read_bytes(), a.name
        assert a.svg.read_bytes() == b.svg.read_bytes(), a.name
    svg = first[0].svg.read_text(encoding="utf-8")
    assert "<dc:date>" not in svg


def test_labels_come_from_the_codebook_not_ids(fake_run):
    fig = F.plot_code_frequencies(fake_run.code_summary, fake_run.codebook)
    ticks = [t.get_text().replace("\n", " ") for t in fig.axes[0].get_yticklabels()]
    assert "Vertrouwen en wantrouwen tussen professionals" in ticks
    assert not any(t.startswith("samenwerking.") for t in ticks)
    # Parent codes aggregate their children: a bold theme row without a bar of its own.
    ax = fig.axes[0]
    leaves = [c.id for c in fake_run.codebook.codable()]
    assert len(ax.patches) == len(leaves)
    bold = [t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"]
    assert bold == ["Regiestijl", "Regieproces", "Samenwerking in het netwerk"]
    # Within a theme, codes go from most to least frequent.
    summary = fake_run.code_summary.set_index("code_id")
    i = ticks.index("Regiestijl")
    first, second = ticks[i + 1], ticks[i + 2]
    by_label = {fake_run.codebook.label(c): summary.loc[c, "n_segments"] for c in leaves}
    assert by_label[first] >= by_label[second]
    # The unused code is shown with a zero bar: a literature code that was never found.
    assert "Code die nooit wordt toegekend" in ticks


def test_long_labels_are_wrapped_and_inside_the_image(fake_run, tmp_path):
    fig = F.plot_code_frequencies(fake_run.code_summary, fake_run.codebook)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    long = [t for t in ticks if t.replace("\n", " ").startswith("Bureaucratische drempels")]
    assert long and "\n" in long[0]
    assert max(len(line) for t in ticks for line in t.split("\n")) <= 44
    # A tight bbox means every tick label lies within the saved figure.
    fig.canvas.draw() if hasattr(fig.canvas, "draw") else None
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    renderer = canvas.get_renderer()
    tight = fig.get_tightbbox(renderer)
    for label in fig.axes[0].get_yticklabels():
        box = label.get_window_extent(renderer).transformed(fig.dpi_scale_trans.inverted())
        assert box.x0 >= tight.x0 - 1e-6 and box.x1 <= tight.x1 + 1e-6


def test_profile_marks_highest_and_lowest(fake_run):
    fig = F.plot_competence_profile(fake_run.competence_summary, scale=(1, 5))
    texts = [t.get_text() for t in fig.axes[0].texts]
    summary = fake_run.competence_summary
    top = summary.loc[summary["mean"].idxmax(), "competence"]
    bottom = summary.loc[summary["mean"].idxmin(), "competence"]
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    hoogste = [i for i, t in enumerate(texts) if "hoogste" in t]
    laagste = [i for i, t in enumerate(texts) if "laagste" in t]
    assert len(hoogste) == 1 and len(laagste) == 1
    assert labels[hoogste[0]].lower().startswith(top)
    assert labels[laagste[0]].lower().startswith(bottom)
    assert labels[0].lower().startswith(top)  # sorted from highest to lowest mean


def test_scatter_labels_every_respondent_once(fake_run):
    fig = F.plot_style_scatter(fake_run.respondents)
    labelled = ",".join(t.get_text().replace("\n", ",") for t in fig.axes[0].texts if t.get_text() != "gelijke scores")
    ids = [s.strip() for s in labelled.split(",")]
    assert sorted(ids) == sorted(fake_run.respondents["respondent_id"])
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert any(t.startswith("Casusgericht (n = ") for t in legend)


def test_close_points_share_one_label():
    respondents = pd.DataFrame({"respondent_id": ["A", "B", "C"], "style": ["casusgericht"] * 3,
                                "casus_score": [0.5, 0.5005, 0.1], "netwerk_score": [0.2, 0.2, 0.05],
                                "n_segments": [10, 10, 10], "evidence": ["", "", ""]})
    fig = F.plot_style_scatter(respondents)
    texts = sorted(t.get_text() for t in fig.axes[0].texts if t.get_text() != "gelijke scores")
    assert texts == ["A, B", "C"]


def test_cooccurrence_shows_each_pair_once(fake_run):
    fig = F.plot_code_cooccurrence(fake_run.cooccurrence, fake_run.codebook, fake_run.code_summary)
    numbers = [t.get_text() for t in fig.axes[0].texts]
    positive = fake_run.cooccurrence[fake_run.cooccurrence["n_segments"] > 0]
    assert sorted(int(n) for n in numbers) == sorted(positive["n_segments"].astype(int))
    # Every code in a pair has a numbered row label.
    rows = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    codes = set(positive["code_a"]) | set(positive["code_b"])
    assert len(rows) == len(codes) and rows[0].startswith("1  ")


def test_competence_labels_come_from_the_competence_list(fake_run):
    labels = {"oordeelsvorming": "Oordeelsvorming (beslissen)"}
    fig = F.plot_competence_profile(fake_run.competence_summary, labels=labels)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert any(t.startswith("Oordeelsvorming (beslissen)") for t in ticks)
    assert any(t.startswith("Onderhandelen") for t in ticks)  # fallback: capitalised name


def test_missing_competence_score_is_not_a_zero(fake_run):
    fig = F.plot_competences_by_respondent(fake_run.competences, scale=(1, 5))
    cell_texts = [t.get_text() for t in fig.axes[0].texts]
    assert "–" in cell_texts and "0" not in cell_texts


def test_by_style_leaves_out_respondents_without_style(fake_run):
    fig = F.plot_competences_by_style(fake_run.competences, fake_run.respondents, scale=(1, 5))
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    total = sum(int(t.split("n = ")[1].rstrip(")")) for t in legend)
    with_both = set(fake_run.competences["respondent_id"]) & set(fake_run.respondents["respondent_id"])
    assert total == len(with_both)


def test_charts_draw_into_a_given_ax(fake_run):
    fig = Figure()
    ax = fig.add_subplot()
    out = F.plot_code_frequencies(fake_run.code_summary, fake_run.codebook, ax=ax)
    assert out is fig and len(ax.patches) > 0


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_empty_inputs_give_a_no_data_figure(empty_run, name, tmp_path):
    fig = F.FIGURES[name](empty_run)
    assert isinstance(fig, Figure)
    assert not F.has_data(fig)
    assert any("Geen gegevens" in t.get_text() for t in fig.axes[0].texts)
    png, svg = save_figure(fig, tmp_path / name)
    assert png.exists() and svg.exists()


def test_codes_without_codebook_use_summary_labels(fake_run):
    fig = F.plot_code_frequencies(fake_run.code_summary, None)
    ticks = [t.get_text().replace("\n", " ") for t in fig.axes[0].get_yticklabels()]
    assert "Informatiedeling en privacyregels" in ticks
    # Still grouped: parents are known through the parent column.
    bold = [t.get_text() for t in fig.axes[0].get_yticklabels() if t.get_fontweight() == "bold"]
    assert "Regiestijl" in bold
