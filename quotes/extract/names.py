"""A person's gender from a first name, for pronoun agreement: "Mary Chaworth" is no
"he", "Kevin Allton" no "she".

The table (``data/first_names.tsv``) is derived from nomquamgender's name data (MIT;
``data/make_first_names.py`` says how): 40,698 first names of many languages whose bearers
are nearly all women or nearly all men, and those borne by both ("Kim"). A name not in it,
or too evenly shared, gives no gender, and a pronoun may then point at its bearer either
way.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache
from importlib.resources import files

from .lexicon import TITLES


@cache
def _first_names() -> dict[str, str]:
    text = files("quotes.extract.data").joinpath("first_names.tsv").read_text(encoding="utf-8")
    return dict(line.split("\t", 1) for line in text.splitlines() if line)


def is_title(word: str) -> bool:
    """Whether a word is a title, with or without its full stop ("Sen.", "Sen", "GEN.")."""
    lower = word.lower()
    return lower in TITLES or lower.rstrip(".") in TITLES


def given_name_gender(words: Sequence[str], *, alone: bool = False) -> str | None:
    """The gender ("f" or "m") the first name of a person's name gives, titles set aside:
    "Mary Chaworth" -> "f", "Sen. Tim Kaine" -> "m". A name of one word gives none
    ("Byron" or "Allton" alone is as often a surname) unless ``alone`` says the text uses
    it as a first name ("Tess", "Gloria", where no one is called "… Tess"); an initial
    ("J. Smith") is no name."""
    names = [word for word in words if not is_title(word)]
    if len(names) < (1 if alone else 2) or len(names[0]) < 2 or not names[0].isalpha():
        return None
    gender = _first_names().get(_folded(names[0]))
    return gender if gender in {"f", "m"} else None


def is_first_name(word: str) -> bool:
    """Whether a word is a first name of the table, gendered or not ("Kim", "Chandler")."""
    return _folded(word) in _first_names()


def _folded(word: str) -> str:
    """A name as the table keeps it: lower case, without accents ("Évariste": "evariste")."""
    lower = word.lower()
    if lower.isascii():
        return lower
    return "".join(c for c in unicodedata.normalize("NFKD", lower) if not unicodedata.combining(c))


def occupation_words(words: Sequence[str]) -> int:
    """How many words before a person's first name are an occupation the recognizer took
    into the name ("Mathematician Hermann Weyl", "Biologist Nick Bos": 1): one word that
    is no first name, before one that is, with a surname after."""
    if len(words) > 2 and not is_first_name(words[0]) and is_first_name(words[1]):
        return 1
    return 0
