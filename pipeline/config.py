"""Study configuration: everything a run depends on besides its inputs.

A study config is a YAML file (``--config study.yaml``); every key is optional and command-line
options override it. Relative paths are resolved against the config file's folder.
"""
from __future__ import annotations

import difflib
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ConfigError

#: The package's root folder in a source checkout (holds ``data/``, ``codebook/``).
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_STUDY = PROJECT_ROOT / "data" / "sample"
DEFAULT_CODEBOOK = PROJECT_ROOT / "codebook" / "codebook.yaml"
DEFAULT_COMPETENCES = PROJECT_ROOT / "codebook" / "competences.yaml"
DEFAULT_ALLOW_LIST = PROJECT_ROOT / "codebook" / "allow_list.yaml"


#: Default evidence for each regie style: code → weight (see :class:`StyleThresholds`).
#: Each style is carried by its own ``stijl.*`` code (weight 1) and by the trust role that the
#: literature puts at its heart (Achbab, Bosselaar & Van Steden 2022): trust built with the
#: person in regie and the handling of the target group's distrust for casusgericht; trust
#: between professionals and organisations and the network level of cooperation for
#: netwerkgericht. Relations between professionals weigh half: casus-oriented regisseurs need
#: them every day too ("ik bel de wijkagent die ik ken"), so they say less about where the
#: regie is aimed than the trust work with the person does.
#: Leave-one-set-out over the four labelled sets (``bench/bench_styles.py``) kept these
#: weights: halving the trust roles generalised as well but only on a narrow band of
#: thresholds; adding process/organisation codes or an organisation-vocabulary signal did worse.
STYLE_INDICATORS: dict[str, dict[str, float]] = {
    "casusgericht": {"stijl.casusgericht": 1.0, "vertrouwen.persoon": 1.0,
                     "vertrouwen.wantrouwen_doelgroep": 0.5},
    "netwerkgericht": {"stijl.netwerkgericht": 1.0, "vertrouwen.partners": 0.5,
                       "samenwerking.netwerk": 0.5},
}
#: The code in which a respondent *says* where their regie is aimed, per style (the explicit
#: evidence that :attr:`StyleThresholds.min_contradiction` weighs against the total).
STYLE_CODES: dict[str, str] = {"casusgericht": "stijl.casusgericht",
                               "netwerkgericht": "stijl.netwerkgericht"}


class StyleThresholds(BaseModel):
    """When a respondent's regie style is called, rather than ``onbepaald``.

    Scores (``pipeline.analyse.respondent_styles``): for each style, the share of the
    respondent's segments carrying one of the style's ``indicators``, each segment counting with
    the highest weight among the indicators it carries.

    ``min_segments``: fewer coded respondent segments than this and the style is ``onbepaald``.
    ``min_share``: the winning style's score must be at least this.
    ``min_margin``: and beat the other style's score by at least this much (absolute).
    ``min_ratio``: and be at least this many times the other style's score: a respondent whose
    talk carries both styles in comparable measure (within a factor 1.8) is ``onbepaald``.
    ``min_contradiction``: and the respondent's explicit style talk (the ``STYLE_CODES``) must
    not point the other way by this many segments or more: a respondent whose trust work leans
    one way while what they say about their own regie leans the other is mixed, ``onbepaald``
    (``None`` switches the test off). Casus-oriented respondents seldom name the network level
    and network-oriented ones seldom call their regie person-centred, so among the 22 labelled
    respondents the test fires only where the author judged the style mixed (ho05).
    ``indicators``: style → {code id: weight}; default :data:`STYLE_INDICATORS`. A style left
    out keeps its default indicators.

    Chosen by leave-one-set-out over the sample study, checkgold, heldout and devgold
    (``bench/bench_styles.py``; codebook/README.md, "Regiestijl per respondent"): 21 of 22
    respondents as intended in the held-out folds (without ``min_contradiction`` 18 of 22);
    on all 22, ``min_ratio`` anywhere in 1.5–2.2 with ``min_margin`` 0 or 0.03 gives the same
    calls.
    """

    model_config = ConfigDict(extra="forbid")
    min_segments: int = 5
    min_share: float = 0.05
    min_margin: float = 0.03
    #: Codes that count as evidence for each style, with weights (default
    #: :data:`STYLE_INDICATORS`).
    indicators: dict[str, dict[str, float]] = Field(
        default_factory=lambda: {s: dict(w) for s, w in STYLE_INDICATORS.items()})
    # --- appended ------------------------------------------------------------------------------
    min_ratio: float = Field(default=1.8, ge=1.0)
    min_contradiction: int | None = Field(default=2, ge=1)
    min_explicit_lead: int | None = Field(default=None, ge=1)


class StudyConfig(BaseModel):
    """Settings of one study run. See the README, section "Study config"."""

    model_config = ConfigDict(extra="forbid")

    name: str = "Voorbeeldstudie regie"
    language: str = "nl"
    transcripts: Path | None = None
    scans: Path | None = None
    respondents: Path | None = None
    codebook: Path = DEFAULT_CODEBOOK
    competences: Path = DEFAULT_COMPETENCES
    allow_list: Path = DEFAULT_ALLOW_LIST
    out: Path = Path("outputs")
    private_dir: Path = Path("private")
    segment_unit: Literal["turn", "paragraph", "sentence"] = "turn"
    pseudonymise: bool = True
    #: Explicit speaker label → role mapping, e.g. ``{"Fatima": "respondent"}``; case-insensitive.
    roles: dict[str, Literal["interviewer", "respondent", "other"]] = Field(default_factory=dict)
    code_interviewer: bool = False
    coders: list[str] = Field(default_factory=lambda: ["rules"])
    spacy_model: str | None = None
    scale_min: int = 1
    scale_max: int = 5
    styles: StyleThresholds = Field(default_factory=StyleThresholds)
    n_quotes: int = 3

    @classmethod
    def from_yaml(cls, path: str | Path) -> "StudyConfig":
        path = Path(path)
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except FileNotFoundError:
            raise ConfigError(f"{path}: study config not found") from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f":{mark.line + 1}" if mark else ""
            raise ConfigError(f"{path}{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from None
        if not isinstance(raw, dict):
            raise ConfigError(f"{path}: a study config must be a mapping of settings")
        try:
            config = cls.model_validate(raw)
        except ValidationError as exc:
            lines = _key_lines(path)
            problems = []
            for err in exc.errors():
                key = ".".join(str(p) for p in err["loc"])
                where = f":{lines[err['loc'][0]]}" if err["loc"] and err["loc"][0] in lines else ""
                message = err["msg"]
                if err["type"] == "extra_forbidden" and len(err["loc"]) == 1:
                    close = difflib.get_close_matches(str(err["loc"][0]), cls.model_fields, n=1)
                    message = "unknown setting" + (f" (did you mean {close[0]!r}?)" if close else "")
                problems.append(f"{path}{where}: {key}: {message}")
            raise ConfigError("\n".join(problems)) from None
        return config.resolve_paths(path.parent)

    def resolve_paths(self, base: Path) -> "StudyConfig":
        updates = {}
        for key in ("transcripts", "scans", "respondents", "codebook", "competences",
                    "allow_list", "out", "private_dir"):
            value = getattr(self, key)
            # Only paths the file sets: the defaults ("outputs", "private") stay relative to the
            # working directory, so a config without ``out`` does not write next to its inputs.
            if key not in self.model_fields_set:
                continue
            if value is not None and not Path(value).is_absolute():
                updates[key] = (base / value)
        return self.model_copy(update=updates)

    @classmethod
    def sample(cls) -> "StudyConfig":
        """The embedded sample study in ``data/sample/``."""
        config_file = SAMPLE_STUDY / "study.yaml"
        if config_file.exists():
            return cls.from_yaml(config_file)
        return cls(
            transcripts=SAMPLE_STUDY / "transcripts",
            scans=SAMPLE_STUDY / "scans",
            respondents=SAMPLE_STUDY / "respondents.csv",
        )

    def settings(self) -> dict:
        """The settings as JSON-ready data for the manifest (paths as strings)."""
        return self.model_dump(mode="json")


def _key_lines(path: Path) -> dict[str, int]:
    """Line number (1-based) of every top-level key of a YAML mapping, for error messages."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: key.start_mark.line + 1 for key, _ in node.value if isinstance(key, yaml.ScalarNode)}
