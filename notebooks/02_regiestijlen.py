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
# # 02 Regiestijlen
#
# Regisseurs verschillen in hoe zij regie voeren. Het Top600-onderzoek onderscheidt een
# **casusgerichte** stijl (sturen op de individuele casus en het plan van aanpak) en een
# **netwerkgerichte** stijl (investeren in het netwerk van partners rond de persoon).
#
# Per respondent berekent de pipeline twee scores: het aandeel van zijn of haar segmenten met de
# code voor casusgerichte regie (`casus_score`) en voor netwerkgerichte regie (`netwerk_score`).
# De stijl is `onbepaald` als er te weinig gecodeerde segmenten zijn of als de scores te dicht bij
# elkaar liggen; de drempels staan in de studieconfiguratie (`styles`).
#
# Het notebook leest de uitvoermap uit `REGIE_RUN` (standaard `../outputs`).

# %%
# %matplotlib inline
import os
from pathlib import Path

import pipeline
from pipeline.report import figures, quotes

OUTPUT_DIR = Path(os.environ.get("REGIE_RUN", "../outputs"))
run = pipeline.load_run(OUTPUT_DIR)
run.manifest.get("settings", {}).get("styles")

# %% [markdown]
# ## Stijl per respondent

# %%
run.respondents

# %%
run.respondents["style"].value_counts()

# %% [markdown]
# Punten boven de stippellijn leunen naar netwerkgericht, punten eronder naar casusgericht.
# Respondenten met (bijna) dezelfde scores delen één label.

# %%
figures.plot_style_scatter(run.respondents)

# %% [markdown]
# ## Onderbouwing
#
# De kolom `evidence` noemt de sterkste segmenten voor de stijl van elke respondent. Hieronder
# staan ze met hun (gepseudonimiseerde) tekst, om de toekenning te controleren.

# %%
quotes.style_evidence(run.respondents, run.segments)

# %% [markdown]
# ## Codes per stijl
#
# Het gemiddelde aandeel segmenten per code binnen elke stijlgroep: welke thema's spelen meer bij
# casusgerichte en welke bij netwerkgerichte regisseurs?

# %%
(
    run.code_by_respondent.merge(run.respondents[["respondent_id", "style"]], on="respondent_id")
    .pivot_table(index="code_id", columns="style", values="share", aggfunc="mean", fill_value=0)
    .round(3)
)
