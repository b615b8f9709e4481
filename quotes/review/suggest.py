"""The verdict a quote's verification suggests to its reviewer (issue 17).

`quotes verify` says how a quote stands against its sources (CONTRACT.md,
"Verification"); an editor gives the verdict (CONTRACT.md, "Review"). The review server
offers the one as a suggestion for the other, with the reason, and the editor decides:
nothing here writes a verdict.

    >>> suggest({"status": "altered", "differences": [{"op": "replace"}], "flags": []})
    Suggestion(verdict='altered-wording', reason='altered: 1 difference from the source')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# The verdict each status suggests. Quotation marks, case, an editor's bracket that
# stands for source words and an ellipsis over words of one passage are accepted
# practice: the words are the speaker's. A word changed, or words found nowhere in the
# sources, are not. A paraphrase suggests nothing: its similarity is a hint, never a
# verdict (issue 17).
STATUS_VERDICTS: dict[str, str] = {
    "verbatim": "verified",
    "minor": "verified",
    "bracketed": "verified",
    "elided": "verified",
    "altered": "altered-wording",
    "partial": "needs-source",
    "not-found": "needs-source",
}
# Why each status suggests its verdict, completed by the count of differences.
STATUS_REASONS: dict[str, str] = {
    "verbatim": "verbatim: the source has these words",
    "minor": "minor: the source differs only in punctuation or capitals",
    "bracketed": "bracketed: each bracket stands for words of the source",
    "elided": "elided: the parts are in one source passage, in order; check that the cut keeps the meaning",
    "altered": "altered: {differences} from the source",
    "partial": "partial: only part of it is in the sources",
    "not-found": "not-found: no source has these words",
}
# Flags that say the words were found in someone else's mouth: they outweigh the status.
SPEAKER_FLAGS: dict[str, str] = {
    "questioner": "the source gives these words to the one who asked the question",
    "speaker-mismatch": "the source gives these words to someone else",
}


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A verdict the verification suggests, and why."""

    verdict: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"verdict": self.verdict, "reason": self.reason}


def suggest(verification: Mapping[str, Any] | None) -> Suggestion | None:
    """The verdict a quote's verification suggests, or None (no verification, or a
    paraphrase: a person judges those unaided)."""
    if not isinstance(verification, Mapping):
        return None
    status = verification.get("status")
    if status not in STATUS_VERDICTS:
        return None
    flags = verification.get("flags") or ()
    for flag, reason in SPEAKER_FLAGS.items():
        if flag in flags and verification.get("source") is not None:
            return Suggestion("wrong-speaker", f"{flag}: {reason}")
    count = len(verification.get("differences") or ())
    differences = f"{count} difference{'' if count == 1 else 's'}"
    return Suggestion(STATUS_VERDICTS[status], STATUS_REASONS[status].format(differences=differences))


def suggestions(document: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """Each verified quote's suggestion, by quote id (the quotes that suggest one)."""
    found = {}
    for quote in document.get("quotes") or ():
        suggestion = suggest(quote.get("verification"))
        if suggestion is not None:
            found[str(quote["id"])] = suggestion.to_dict()
    return found
