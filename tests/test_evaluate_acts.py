"""Speaker identity by the form of the gold speaker mention, the act judged where the
gold annotates one, and ``acts=`` (``quotes evaluate --acts``) scoring a subset."""

from __future__ import annotations

from typing import Any

import pytest

from quotes.evaluate import Accuracy, score
from quotes.evaluate.forms import mention_form
from quotes.evaluate.results import format_scores

from .test_cli import run
from .test_evaluate import gold_doc, gold_quote, pred_doc, pred_quote

TEXT = (
    "The mayor said the bridge would close. She added that repairs would take a year. "
    "Jane Doe believes the cracks are old. Engineers found the deck was weak."
)


@pytest.mark.parametrize(
    ("words", "form"),
    [
        ("she", "pronoun"),
        ("His", "pronoun"),
        ("who", "pronoun"),
        ("Rami Abdulrahman", "name"),
        ("the Syrian Observatory for Human Rights", "name"),
        ("Rami Abdulrahman, director of the Syrian Observatory", "name"),
        ("Republican nominee Gov. Mike Pence", "name"),
        ("the U.N.", "name"),
        ("The war monitoring group", "description"),
        ("Local news reports", "description"),
        ("Trump's campaign manager", "description"),
        ("His father", "description"),
        ("officials", "description"),
        (None, "none"),
        ("", "none"),
    ],
)
def test_mention_form(words: str | None, form: str) -> None:
    assert mention_form(words) == form


def _gold(**acts: str) -> list[dict[str, Any]]:
    quotes = [
        gold_quote("the bridge would close", text=TEXT, speaker="The mayor", entity="Jane Doe"),
        gold_quote("repairs would take a year", text=TEXT, speaker="She", entity="Jane Doe"),
        gold_quote("the cracks are old", text=TEXT, speaker="Jane Doe", entity="Jane Doe"),
        gold_quote("the deck was weak", text=TEXT, entity="Engineers"),  # no speaker words
    ]
    for quote, act in zip(quotes, (acts.get(f"q{n}") for n in range(1, 5)), strict=True):
        if act:
            quote["act"] = act
    return quotes


def _pred(acts: tuple[str, ...] = ("speech", "speech", "thought", "evidence")) -> list[dict[str, Any]]:
    quotes = [
        pred_quote("the bridge would close", text=TEXT, mention="The mayor", name="Jane Doe"),
        pred_quote("repairs would take a year", text=TEXT, mention="She", name="John Roe"),
        pred_quote("the cracks are old", text=TEXT, mention="Jane Doe", name="Jane Doe"),
        pred_quote("the deck was weak", text=TEXT, mention="Engineers", name="Engineers"),
    ]
    for quote, act in zip(quotes, acts, strict=True):
        quote["act"] = act
    return quotes


def test_entity_accuracy_by_mention_form() -> None:
    scores = score([gold_doc(_gold(), text=TEXT)], [pred_doc(_pred())])
    assert scores.entity == Accuracy(3, 4)
    assert scores.entity_by_form == {
        "pronoun": Accuracy(0, 1),
        "name": Accuracy(1, 1),
        "description": Accuracy(1, 1),
        "none": Accuracy(1, 1),
    }
    data = scores.to_dict(details=True)
    assert data["entity_by_form"]["pronoun"] == {"correct": 0, "total": 1, "accuracy": 0.0}
    assert data["details"][0]["entity_by_form"]["name"]["correct"] == 1
    table = format_scores(scores)
    assert "entity, pronoun mention" in table and "entity, none mention" in table


def test_acts_score_a_subset() -> None:
    gold = [gold_doc(_gold(), text=TEXT)]
    everything = score(gold, [pred_doc(_pred())])
    assert everything.predicted_quotes == 4 and everything.coverage[0].tp == 4
    speech = score(gold, [pred_doc(_pred())], acts=["speech"])
    # Gold without acts keeps every quote: the other two are missed by a speech-only run.
    assert (speech.predicted_quotes, speech.coverage[0].tp, speech.coverage[0].fn) == (2, 2, 2)
    with pytest.raises(ValueError, match="acts must be some of"):
        score(gold, [pred_doc(_pred())], acts=["gossip"])


def test_gold_acts_filter_the_gold_and_are_judged() -> None:
    gold = [gold_doc(_gold(q1="speech", q2="speech", q3="thought", q4="speech"), text=TEXT)]
    scores = score(gold, [pred_doc(_pred())])
    assert scores.act == Accuracy(3, 4)  # q4 is evidence, the gold says speech
    assert [m.field for m in scores.documents[0].mismatches if m.field == "act"] == ["act"]
    speech = score(gold, [pred_doc(_pred())], acts=["speech"])
    assert (speech.gold_quotes, speech.coverage[0].tp, speech.coverage[0].fn) == (3, 2, 1)
    assert "act " in format_scores(scores)
    assert "act " not in format_scores(score([gold_doc(_gold(), text=TEXT)], [pred_doc(_pred())]))


def test_cli_evaluate_acts(tmp_path: Any) -> None:
    import json

    gold = tmp_path / "gold.jsonl"
    pred = tmp_path / "pred.jsonl"
    gold.write_text(json.dumps(gold_doc(_gold(), text=TEXT)) + "\n", encoding="utf-8")
    pred.write_text(json.dumps(pred_doc(_pred())) + "\n", encoding="utf-8")
    result = run("evaluate", str(gold), "--pred", str(pred), "--acts", "speech,evidence", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["predicted_quotes"] == 3
