"""Column names of every table the pipeline writes, declared once.

The order of each tuple is the column order of the CSV file (see ``shared/design/outputs.md``
and the README). New columns are only ever appended.
"""

DOCUMENTS = (
    "doc_id", "source_path", "format", "encoding", "n_turns", "n_segments", "n_words",
    "respondent_id", "status", "message",
    # extensions (appended): how speaker roles were decided
    "role_method",
)
SEGMENTS = ("doc_id", "segment_id", "turn_index", "speaker", "role", "start", "end", "text")
CODINGS = ("doc_id", "segment_id", "code_id", "coder", "score", "evidence")
CODE_SUMMARY = ("code_id", "label", "parent", "n_segments", "n_documents", "n_respondents")
CODE_BY_RESPONDENT = ("code_id", "respondent_id", "n_segments", "share")
COOCCURRENCE = ("code_a", "code_b", "n_segments")
RESPONDENTS = ("respondent_id", "style", "casus_score", "netwerk_score", "n_segments", "evidence",
               "casus_focus", "netwerk_focus", "style_index", "casus_turns", "netwerk_turns", "mixed_turns", "self_label",
               "leaning_share", "leaning_probability")
COMPETENCES = ("respondent_id", "competence", "score", "source_file")
COMPETENCE_SUMMARY = ("competence", "n", "mean", "sd", "min", "max", "rank")
GOLD = ("doc_id", "turn_index", "code_id")
EVALUATION = (
    "code_id", "support", "n_predicted", "tp", "fp", "fn", "precision", "recall", "f1",
    "kappa", "alpha",
)

# Private tables, written to ``private_dir`` (never into the output folder).
PSEUDONYM_KEY = ("original", "pseudonym", "type", "documents")
REVIEW = ("doc_id", "turn_index", "token", "context")

#: Sort keys that make every CSV byte-identical for the same inputs.
SORT_KEYS = {
    "documents": ("doc_id", "source_path"),
    "segments": ("doc_id", "segment_id"),
    "codings": ("doc_id", "segment_id", "code_id", "coder"),
    "code_summary": ("code_id",),
    "code_by_respondent": ("code_id", "respondent_id"),
    "cooccurrence": ("code_a", "code_b"),
    "respondents": ("respondent_id",),
    "competences": ("respondent_id", "competence"),
    "competence_summary": ("competence",),
}

TABLES = {
    "documents": DOCUMENTS,
    "segments": SEGMENTS,
    "codings": CODINGS,
    "code_summary": CODE_SUMMARY,
    "code_by_respondent": CODE_BY_RESPONDENT,
    "cooccurrence": COOCCURRENCE,
    "respondents": RESPONDENTS,
    "competences": COMPETENCES,
    "competence_summary": COMPETENCE_SUMMARY,
}

ROLES = ("interviewer", "respondent", "other")
STYLES = ("casusgericht", "netwerkgericht", "onbepaald")
