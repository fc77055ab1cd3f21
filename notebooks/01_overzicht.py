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
# # 01 Overzicht van de run
#
# Dit notebook laat zien wat een run van `regie run` heeft opgeleverd: welke interviews zijn
# ingelezen, hoe vaak elke code is toegekend, bij welke respondenten, welke codes samen voorkomen
# en welke citaten het meest typerend zijn.
#
# Het notebook rekent niets zelf uit: het leest de uitvoermap van een run met
# `pipeline.load_run` en gebruikt de figuren uit `pipeline.report.figures`, dezelfde als in
# `report.docx`. Standaard wordt de map `../outputs` gelezen (de voorbeeldstudie na `make run`);
# een andere run kiest u met de omgevingsvariabele `REGIE_RUN`, bijvoorbeeld
# `REGIE_RUN=/pad/naar/uitvoer jupyter lab`.

# %%
# %matplotlib inline
import os
from pathlib import Path

import pipeline
from pipeline.report import figures, quotes

OUTPUT_DIR = Path(os.environ.get("REGIE_RUN", "../outputs"))
run = pipeline.load_run(OUTPUT_DIR)
run.manifest.get("settings", {}).get("name")

# %% [markdown]
# ## Ingelezen interviews
#
# Eén rij per transcript. Bestanden met status `skipped` konden niet worden gelezen; de kolom
# `message` zegt waarom.

# %%
run.documents[["doc_id", "respondent_id", "format", "status", "n_turns", "n_segments", "n_words", "message"]]

# %%
run.documents.groupby("status").agg(bestanden=("doc_id", "count"), woorden=("n_words", "sum"))

# %% [markdown]
# De segmenten zijn de eenheid van codering. Alleen segmenten van respondenten tellen mee in de
# tellingen per code en in de citaten.

# %%
run.segments.groupby("role").size().rename("segmenten")

# %% [markdown]
# ## Codes
#
# `code_summary` geeft per code het aantal segmenten, documenten en respondenten. Codes met
# subcodes tellen de segmenten van al hun subcodes.

# %%
run.code_summary.sort_values(["n_segments", "code_id"], ascending=[False, True])

# %% [markdown]
# De figuur toont alleen codes zonder subcodes, van vaak naar weinig toegekend; de kleur geeft het
# thema (de hoofdcode) aan. Een code die nooit is toegekend staat er met een lege balk bij: ook
# dat is een bevinding.

# %%
figures.plot_code_frequencies(run.code_summary, run.codebook)

# %% [markdown]
# ## Codes per respondent
#
# De kleur is het aandeel van de segmenten van de respondent met deze code, het getal het aantal
# segmenten. Zo is te zien of een code door veel respondenten wordt gedragen of door een enkeling.

# %%
figures.plot_code_respondent_heatmap(run.code_by_respondent, run.codebook, run.code_summary)

# %%
run.code_by_respondent.pivot_table(index="code_id", columns="respondent_id", values="n_segments", fill_value=0)

# %% [markdown]
# ## Samen voorkomende codes
#
# In hoeveel segmenten twee codes samen zijn toegekend. De nummers onder de figuur verwijzen naar
# de genummerde codes links.

# %%
figures.plot_code_cooccurrence(run.cooccurrence, run.codebook, run.code_summary)

# %%
run.cooccurrence.sort_values("n_segments", ascending=False).head(15)

# %% [markdown]
# ## Typerende citaten
#
# Per code de drie meest typerende citaten van respondenten: de hoogste codeerscore, en bij
# gelijke score het kortste segment (bij voorkeur 8 tot 80 woorden). De citaten komen uit de
# gepseudonimiseerde tekst. Met het segmentnummer (`document:volgnummer`) vindt u het citaat terug
# in `segments.csv` en in `texts/`.

# %%
typical = quotes.typical_quotes(run.codings, run.segments, run.documents, n=3)
typical[["code_id", "rank", "segment_id", "respondent_id", "score", "n_words", "text"]]
