"""Every text Pacer can show is calm: no targets, scores or failure words anywhere."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pacer
from pacer.resources import asset_path

PACKAGE = Path(pacer.__file__).parent
# Words the product promises never to use at the person (see the design brief).
UNKIND = re.compile(
    r"\b(fail\w*|missed|miss|goals?|targets?|levels?|scores?|streaks?|broke|broken|"
    r"should have|must try|deadline\w*|behind|lazy|wrong with you)\b",
    re.IGNORECASE,
)
# Identifiers and machine-facing strings are not shown to people.
NOT_SHOWN = re.compile(r"^[a-z0-9_.:/\-]*$|^<|^\{|^%|^\s*$")


def shown_strings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    texts = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) in docstrings or NOT_SHOWN.match(node.value):
                continue
            texts.append(node.value)
    return texts


def test_no_unkind_words_in_any_text_the_app_can_show():
    offenders = {}
    scanned = 0
    for path in sorted(PACKAGE.rglob("*.py")):
        texts = shown_strings(path)
        scanned += len(texts)
        bad = [t for t in texts if UNKIND.search(t)]
        if bad:
            offenders[str(path.relative_to(PACKAGE))] = bad
    assert offenders == {}
    assert scanned > 300, "the scan found suspiciously few texts"


def test_no_unkind_words_in_the_shipped_sequence():
    data = tomllib.loads(asset_path("sequences", "progressive-relaxation.toml").read_text())
    texts = [str(v) for v in _walk(data)]
    assert [t for t in texts if UNKIND.search(t)] == []


def test_the_checker_notices_an_unkind_sentence(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('MESSAGE = "You missed a day and broke your streak"\n')
    assert UNKIND.search(shown_strings(sample)[0])


def _walk(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)
    else:
        yield value
