"""The README's examples and table documentation stay true to the code."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import columns
from pipeline.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
runner = CliRunner()


def readme_commands() -> list[list[str]]:
    """Every ``regie …`` command line inside the README's code blocks."""
    commands = []
    for block in re.findall(r"```(?:sh)?\n(.*?)```", README, flags=re.S):
        for line in block.splitlines():
            line = line.split("#")[0].strip()
            match = re.search(r"(?:^|/)regie (.+)$", line)
            if match:
                commands.append(match.group(1).split())
    return commands


def test_readme_starts_with_the_two_commands():
    first_block = re.search(r"```sh\n(.*?)```", README, flags=re.S).group(1)
    assert "make run" in first_block and "make test" in first_block


@pytest.mark.parametrize("words", readme_commands(), ids=lambda w: " ".join(w)[:40])
def test_every_readme_command_and_option_exists(words):
    subcommand = [w for w in words if not w.startswith("-")]
    # the sub-command path: "run", "evaluate", "codebook check" …
    path = subcommand[:2] if subcommand[0] == "codebook" else subcommand[:1]
    result = runner.invoke(app, path + ["--help"])
    assert result.exit_code == 0, words
    for option in (w for w in words if w.startswith("--")):
        assert option in result.output, f"README uses {option} but 'regie {' '.join(path)} --help' lacks it"


def test_readme_documents_every_table_with_its_columns():
    for table, cols in columns.TABLES.items():
        row = re.search(rf"^\| `{table}\.csv` \|[^|]*\| (.*)$", README, flags=re.M)
        assert row, f"{table}.csv is not documented in the README"
        documented = re.findall(r"`([^`]+)`", row.group(1))[0]
        assert [c.strip() for c in documented.split(",")] == list(cols), table
