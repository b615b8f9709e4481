"""The form of a gold speaker mention, for speaker identity by mention form: a
``pronoun`` ("she", "his", "who"), a ``name`` ("Rami Abdulrahman", "the Syrian
Observatory for Human Rights", "Republican nominee Donald Trump"), a ``description``
("the war monitoring group", "his father", "officials"), or ``none`` where the gold gives
the quote a speaker but no words naming it near the quote (a turn continued, dialogue).

Read from the words alone, as the scorer never parses (see the package docstring): a
mention is a pronoun when all its words are pronouns, a name when its head word is
capitalized. The head is the last word before what follows a noun phrase's head in
English (a comma, "of", "for", "who", "in" …: "director of the Syrian Observatory"), and
a capital there is a name's, not a sentence's: only the first word starts a sentence.
"""

from __future__ import annotations

import re

MENTION_FORMS: tuple[str, ...] = ("pronoun", "name", "description", "none")

# Personal, possessive, reflexive and wh- pronouns, and the demonstratives that stand
# alone as speakers ("this is wrong, that one said"): the forms GUM marks as pronouns.
PRONOUNS = frozenset(
    {
        "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "you",
        "your", "yours", "yourself", "yourselves", "he", "him", "his", "himself", "she",
        "her", "hers", "herself", "it", "its", "itself", "they", "them", "their", "theirs",
        "themselves", "one", "who", "whom", "whose", "which", "that", "this", "these", "those",
    }
)  # fmt: skip

# Words after which a noun phrase's head has been passed: a comma, a relative or
# participle clause, a prepositional phrase.
_AFTER_HEAD = frozenset(
    {
        "of", "for", "from", "in", "at", "on", "with", "by", "to", "about", "who", "whom",
        "whose", "which", "that", ",", "(", "--", "—", "–", ";",
    }
)  # fmt: skip
_WORD = re.compile(r"[\w.'’&-]+|[,;()—–]|--")


def mention_form(words: str | None) -> str:
    """The form of a gold speaker mention; ``none`` where there are no words."""
    tokens = _WORD.findall(words or "")
    if not tokens:
        return "none"
    if all(token.lower().strip("'’") in PRONOUNS for token in tokens):
        return "pronoun"
    head = tokens[0]
    for token in tokens:
        if token.lower() in _AFTER_HEAD and token is not tokens[0]:
            break
        head = token
    return "name" if head[:1].isupper() and head.lower() not in PRONOUNS else "description"
