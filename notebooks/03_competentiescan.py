# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 03 Competentiescan
#
# De regisseurs hebben een competentiescan ingevuld: per competentie een score op een schaal
# (standaard 1 tot en met 5). De pipeline leest de scans in (brede of lange tabellen en
# Word-formulieren), zet de namen om naar de vaste competentienamen en berekent per competentie
# het aantal scores, het gemiddelde, de standaardafwijking en de rang (1 = hoogste gemiddelde).
# Lege cellen tellen als ontbrekend, niet als nul.
#
# Het notebook leest de uitvoermap uit `REGIE_RUN` (standaard `../outputs`).

# %%
# %matplotlib inline
import os
from pathlib import Path

import pipeline
from pipeline.report import figures

OUTPUT_DIR = Path(os.environ.get("REGIE_RUN", "../outputs"))
run = pipeline.load_run(OUTPUT_DIR)
scale = figures.scale_of(run)
labels = figures.competence_labels(run)
scale

# %% [markdown]
# ## Scores per respondent
#
# De lange tabel `competences.csv` als één rij per respondent.

# %%
run.competences.pivot_table(index="respondent_id", columns="competence", values="score")

# %% [markdown]
# ## Het profiel van de groep

# %%
summary = run.competence_summary.sort_values(["rank", "competence"])
summary

# %% [markdown]
# De hoogst en de laagst gewaardeerde competentie van de groep:

# %%
summary.head(1)[["competence", "mean", "sd", "n"]]

# %%
summary.tail(1)[["competence", "mean", "sd", "n"]]

# %%
figures.plot_competence_profile(run.competence_summary, scale=scale, labels=labels)

# %%
figures.plot_competences_by_respondent(run.competences, scale=scale, labels=labels)

# %% [markdown]
# ## Competenties en regiestijl
#
# Verschillen casusgerichte en netwerkgerichte regisseurs in hoe zij hun competenties inschatten?
# Respondenten met een scan maar zonder interview (dus zonder stijl) tellen hier niet mee. Met
# kleine groepen is dit verkennend, geen toets.

# %%
figures.plot_competences_by_style(run.competences, run.respondents, scale=scale, labels=labels)

# %%
(
    run.competences.merge(run.respondents[["respondent_id", "style"]], on="respondent_id")
    .pivot_table(index="competence", columns="style", values="score", aggfunc="mean")
    .round(2)
)
