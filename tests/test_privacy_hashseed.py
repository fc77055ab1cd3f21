"""Pseudonyms must not depend on the interpreter's hash seed.

Python salts the hash of strings per process (``PYTHONHASHSEED``), so iterating over a set of
entity keys gives another order in every run. Where the first key found wins, the same study
gave other pseudonyms from one run to the next: in style set ED "Wlz-indicatie" and
"Wlz-aanvraag" (then taken for names) both clip to "Wlz", and a bare "De Wlz." took either one's
pseudonym. Tests in one
process cannot see this; these run the pseudonymiser in fresh interpreters with fixed seeds.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import json, sys
from pipeline.model import Document, Turn
from pipeline.privacy import Pseudonymiser, load_allow_list
texts = json.loads(sys.argv[1])
docs = [Document("d1", "d1.txt", "txt", header=[], turns=[Turn("Respondent", t) for t in texts])]
out = Pseudonymiser(allow_list=load_allow_list()).fit(docs).transform(docs)
print(json.dumps([t.text for t in out[0].turns]))
"""

# Two people whose names clip to the same letters ("Sch", without a vowel, so no detector takes
# it alone), then the clipped name alone: as with "Wlz" (since allow-listed), the first of the
# two keys found took it.
TEXTS = [
    "Ik heb eerst Schnitzler gesproken, over de woning en de schulden.",
    "Daarna belde Schwarzkopf, de buurman, want die maakte zich zorgen.",
    "Wachtlijsten, dat zei ik al. En toen zei Sch: dat gaat niet.",
    "Later kwam Schnitzler nog een keer terug, met zijn broer.",
]


def _pseudonymise_with_seed(seed: int) -> list[str]:
    env = {**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(TEXTS)], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_the_same_study_gets_the_same_pseudonyms_under_every_hash_seed():
    results = {seed: _pseudonymise_with_seed(seed) for seed in range(6)}
    first = results[0]
    assert "Schnitzler" not in " ".join(first) and "Sch:" not in " ".join(first)
    assert all(result == first for result in results.values()), results
