"""A person's gender from the first name (quotes/extract/names.py) and the table it reads."""

from __future__ import annotations

from importlib.resources import files

import pytest

from quotes.extract.names import given_name_gender, is_first_name, occupation_words


@pytest.mark.parametrize(
    ("words", "gender"),
    [
        (["Mary", "Chaworth"], "f"),
        (["Kevin", "Allton"], "m"),
        (["Kristen", "Wilkins"], "f"),
        (["Sen.", "Tim", "Kaine"], "m"),  # the title is set aside, the first name decides
        (["Mrs", "Natsuko", "Higuchi"], "f"),
        (["Kim", "Jong-un"], None),  # borne by women and men alike
        (["Byron"], None),  # one word is as often a surname
        (["J.", "Smith"], None),  # an initial is no name
        (["Zzyzx", "Smith"], None),  # not in the table
        (["MARY", "CHAWORTH"], "f"),  # capitals read as the name
        ([], None),
    ],
)
def test_given_name_gender(words: list[str], gender: str | None) -> None:
    assert given_name_gender(words) == gender


def test_a_first_name_alone_where_the_text_uses_it_so() -> None:
    assert given_name_gender(["Gloria"]) is None
    assert given_name_gender(["Gloria"], alone=True) == "f"
    assert given_name_gender(["Mr.", "Gloria"], alone=True) == "f"


@pytest.mark.parametrize(
    ("words", "count"),
    [
        (["Mathematician", "Hermann", "Weyl"], 1),
        (["Biologist", "Nick", "Bos"], 1),
        (["Chandler", "Van", "Voorhis"], 0),  # a first name of no clear gender is a name
        (["Ban", "Ki-moon"], 0),
        (["Hermann", "Weyl"], 0),
    ],
)
def test_an_occupation_before_a_first_name(words: list[str], count: int) -> None:
    assert occupation_words(words) == count


def test_first_names_of_no_gender_are_names() -> None:
    assert is_first_name("Kim") and given_name_gender(["Kim", "Lee"]) is None
    assert not is_first_name("mathematician")


def test_the_table_is_letters_and_a_gender_per_line() -> None:
    lines = files("quotes.extract.data").joinpath("first_names.tsv").read_text(encoding="utf-8").splitlines()
    assert len(lines) > 30_000
    rows = [line.split("\t") for line in lines]
    assert all(len(row) == 2 and row[1] in {"f", "m", "u"} and row[0] == row[0].lower() for row in rows)
    assert [row[0] for row in rows] == sorted(row[0] for row in rows)
    notice = files("quotes.extract.data").joinpath("NOTICE").read_text(encoding="utf-8")
    assert "nomquamgender" in notice and "Permission is hereby granted" in notice


def test_an_accented_first_name_is_found_without_its_accents() -> None:
    assert given_name_gender(["Évariste", "Galois"]) == given_name_gender(["Evariste", "Galois"]) == "m"
    assert is_first_name("Émile") and is_first_name("Emile")
