"""The detector's rules on hand-built parses (no trained model), positive and negative."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from quotes.extract.detect import detect

from .conftest import make_doc

# (name, tokens "text POS dep head lemma", [(kind, content, cue, source)])
CASES = [
    (
        "a participle after a preposition shares the subject of the verb it modifies",
        [
            "He PRON nsubj 1 he",
            "pitched VERB ROOT 1 pitch",
            "himself PRON dobj 1 himself",
            "by ADP prep 1 by",
            "telling VERB pcomp 3 tell VBG",
            "them PRON dobj 4 they",
            "that SCONJ mark 8 that",
            "lives NOUN nsubj 8 life",
            "improved_ VERB ccomp 4 improve",
            ". PUNCT punct 1 .",
        ],
        [("indirect", "lives improved", "telling", "He")],
    ),
    (
        "complement: X said (that) ...",
        [
            "The DET det 1 the",
            "group NOUN nsubj 2 group",
            "said VERB ROOT 2 say",
            "clashes NOUN nsubj 4 clash",
            "continued_ VERB ccomp 2 continue",
            ". PUNCT punct 2 .",
        ],
        [("indirect", "clashes continued", "said", "The group")],
    ),
    (
        "complement with that: the complementizer is left out",
        [
            "Smith PROPN nsubj 1 Smith",
            "said VERB ROOT 1 say",
            "that SCONJ mark 4 that",
            "prices NOUN nsubj 4 price",
            "rose_ VERB ccomp 1 rise",
            ". PUNCT punct 1 .",
        ],
        [("indirect", "prices rose", "said", "Smith")],
    ),
    (
        'direct, cue after: "...," she said.',
        [
            '"_ PUNCT punct 7 "',
            "We PRON nsubj 3 we",
            "will AUX aux 3 will",
            "win_ VERB ccomp 7 win",
            ",_ PUNCT punct 3 ,",
            '" PUNCT punct 7 "',
            "she PRON nsubj 7 she",
            "said_ VERB ROOT 7 say",
            ". PUNCT punct 7 .",
        ],
        [("direct", '"We will win,"', "said", "she")],
    ),
    (
        'direct, a turn going on: "...," he continued.',
        [
            '"_ PUNCT punct 7 "',
            "We PRON nsubj 3 we",
            "will AUX aux 3 will",
            "win_ VERB ccomp 7 win",
            ",_ PUNCT punct 3 ,",
            '" PUNCT punct 7 "',
            "he PRON nsubj 7 he",
            "continued_ VERB ROOT 7 continue",
            ". PUNCT punct 7 .",
        ],
        [("direct", '"We will win,"', "continued", "he")],
    ),
    (
        'direct, inverted: "...," said Smith.',
        [
            '"_ PUNCT punct 6 "',
            "We PRON nsubj 3 we",
            "will AUX aux 3 will",
            "win_ VERB ccomp 6 win",
            ",_ PUNCT punct 3 ,",
            '" PUNCT punct 6 "',
            "said VERB ROOT 6 say",
            "Smith_ PROPN nsubj 6 Smith",
            ". PUNCT punct 6 .",
        ],
        [("direct", '"We will win,"', "said", "Smith")],
    ),
    (
        'direct, colon lead-in: She said: "..."',
        [
            "She PRON nsubj 1 she",
            "said_ VERB ROOT 1 say",
            ": PUNCT punct 1 :",
            '"_ PUNCT punct 6 "',
            "We PRON nsubj 6 we",
            "will AUX aux 6 will",
            "win_ VERB ccomp 1 win",
            "._ PUNCT punct 6 .",
            '" PUNCT punct 1 "',
        ],
        [("direct", '"We will win."', "said", "She")],
    ),
    (
        "according to X, ...",
        [
            "According VERB prep 6 accord",
            "to ADP prep 0 to",
            "the DET det 3 the",
            "U.N._ PROPN pobj 1 U.N.",
            ", PUNCT punct 6 ,",
            "people NOUN nsubj 6 people",
            "fled_ VERB ROOT 6 flee",
            ". PUNCT punct 6 .",
        ],
        [("indirect", "people fled", "According to", "the U.N.")],
    ),
    (
        "according to X with no comma: the source ends with the object of 'to'",
        [
            "According VERB prep 8 accord",
            "to ADP prep 0 to",
            "the DET det 3 the",
            "ministry NOUN pobj 1 ministry",
            "over ADP prep 8 over",
            "300 NUM nummod 6 300",
            "pilgrims NOUN nsubjpass 8 pilgrim",
            "were AUX auxpass 8 be",
            "killed_ VERB ROOT 8 kill",
            ". PUNCT punct 8 .",
        ],
        [("indirect", "over 300 pilgrims were killed", "According to", "the ministry")],
    ),
    (
        "a broken parse with three subjects: the one nearest the verb speaks",
        [
            "Facebook NOUN compound 1 Facebook",
            "co_ NOUN nsubj 6 co",
            "-_ NOUN nsubj 6 -",
            "founder NOUN compound 5 founder",
            "Mark PROPN compound 5 Mark",
            "Zuckerberg PROPN nsubj 6 Zuckerberg",
            "said VERB ROOT 6 say",
            "the DET det 8 the",
            "boy NOUN nsubj 9 boy",
            "was_ AUX ccomp 6 be",
            ". PUNCT punct 6 .",
        ],
        [("indirect", "the boy was", "said", "founder Mark Zuckerberg")],
    ),
    (
        "..., according to X. without the full stop in the source",
        [
            "People NOUN nsubj 1 people",
            "fled_ VERB ROOT 1 flee",
            ", PUNCT punct 1 ,",
            "according VERB prep 1 accord",
            "to ADP prep 3 to",
            "the DET det 6 the",
            "NAACP_ PROPN pobj 4 NAACP",
            ". PUNCT punct 1 .",
        ],
        [("indirect", "People fled", "according to", "the NAACP")],
    ),
    (
        "trailing attribution the parse did not link: ..., the monitor reported.",
        [
            "Clashes NOUN nsubj 1 clash",
            "resumed_ VERB ROOT 1 resume",
            ", PUNCT punct 1 ,",
            "the DET det 4 the",
            "monitor NOUN nsubj 5 monitor",
            "reported_ VERB conj 1 report",
            ". PUNCT punct 1 .",
        ],
        [("indirect", "Clashes resumed", "reported", "the monitor")],
    ),
    (
        "mixed: reported clause with a quoted fragment",
        [
            "Smith PROPN nsubj 1 Smith",
            "said VERB ROOT 1 say",
            "the DET det 3 the",
            "plan NOUN nsubj 4 plan",
            "was AUX ccomp 1 be",
            '"_ PUNCT punct 7 "',
            "a DET det 7 a",
            "disaster_ NOUN attr 4 disaster",
            '"_ PUNCT punct 7 "',
            ". PUNCT punct 1 .",
        ],
        [("mixed", 'the plan was "a disaster"', "said", "Smith")],
    ),
    (
        "intention: X vowed to ...",
        [
            "Trump PROPN nsubj 1 Trump",
            "vowed VERB ROOT 1 vow",
            "to PART aux 3 to",
            "build VERB xcomp 1 build",
            "a DET det 5 a",
            "wall_ NOUN dobj 3 wall",
            ". PUNCT punct 1 .",
        ],
        [("indirect", "to build a wall", "vowed", "Trump")],
    ),
    (
        "intention: a directive reads with its addressee, X urged Y to ...",
        [
            "She PRON nsubj 1 she",
            "urged VERB ROOT 1 urge",
            "Congress PROPN dobj 1 Congress",
            "to PART aux 4 to",
            "act VERB xcomp 1 act",
            "quickly_ ADV advmod 4 quickly",
            ". PUNCT punct 1 .",
        ],
        [("indirect", "Congress to act quickly", "urged", "She")],
    ),
    (
        "not a quote: a passive directive names no source, X was asked to ...",
        [
            "He PRON nsubjpass 2 he",
            "was AUX auxpass 2 be",
            "asked VERB ROOT 2 ask",
            "to PART aux 4 to",
            "leave_ VERB xcomp 2 leave",
            ". PUNCT punct 2 .",
        ],
        [],
    ),
    (
        "not a quote: an attempt is no stated intention",
        [
            "Trump PROPN nsubj 1 Trump",
            "tries VERB ROOT 1 try",
            "to PART aux 3 to",
            "build VERB xcomp 1 build",
            "a DET det 5 a",
            "wall_ NOUN dobj 3 wall",
            ". PUNCT punct 1 .",
        ],
        [],
    ),
    (
        "parenthetical: A, X said, B",
        [
            "Prices_ NOUN nsubj 6 price",
            ", PUNCT punct 3 ,",
            "he PRON nsubj 3 he",
            "said_ VERB parataxis 6 say",
            ", PUNCT punct 6 ,",
            "will AUX aux 6 will",
            "rise_ VERB ROOT 6 rise",
            ". PUNCT punct 6 .",
        ],
        [("indirect", "Prices, he said, will rise", "said", "he")],
    ),
    (
        "parenthetical: As X noted, A",
        [
            "As SCONJ mark 3 as",
            "the DET det 2 the",
            "Times PROPN nsubj 3 Times",
            "noted_ VERB advcl 6 note",
            ", PUNCT punct 6 ,",
            "Clinton PROPN nsubj 6 Clinton",
            "raised VERB ROOT 6 raise",
            "money_ NOUN dobj 6 money",
            ". PUNCT punct 6 .",
        ],
        [("indirect", "Clinton raised money", "noted", "the Times")],
    ),
    (
        'not a quote: the filler "you know" addresses the listener',
        [
            "It PRON nsubj 1 it",
            "was_ AUX ROOT 1 be",
            ", PUNCT punct 4 ,",
            "you PRON nsubj 4 you",
            "know_ VERB parataxis 1 know",
            ", PUNCT punct 1 ,",
            "a DET det 7 a",
            "mistake_ NOUN attr 1 mistake",
            ". PUNCT punct 1 .",
        ],
        [],
    ),
    (
        "not a quote: a reporting verb inside a modifier, ..., a victory widely reported.",
        [
            "Trump PROPN nsubj 1 Trump",
            "won VERB ROOT 1 win",
            "the DET det 3 the",
            "race_ NOUN dobj 1 race",
            ", PUNCT punct 3 ,",
            "a DET det 6 a",
            "victory NOUN appos 3 victory",
            "widely ADV advmod 8 widely",
            "reported_ VERB acl 6 report",
            ". PUNCT punct 1 .",
        ],
        [],
    ),
    (
        "headline: Source: claim",
        [
            "Graham_ PROPN ROOT 0 Graham",
            ": PUNCT punct 0 :",
            "Trump PROPN nsubj 4 Trump",
            "is AUX aux 4 be",
            "destroying VERB appos 0 destroy",
            "the DET det 6 the",
            "party NOUN dobj 4 party",
        ],
        [("indirect", "Trump is destroying the party", ":", "Graham")],
    ),
    (
        "not a quote: a colon before a clause going on with 'and', A perfect heaven: and I am here",
        [
            "A DET det 2 a",
            "perfect ADJ amod 2 perfect",
            "heaven_ NOUN ROOT 2 heaven",
            ": PUNCT punct 2 :",
            "and CCONJ cc 2 and",
            "I PRON nsubj 6 I",
            "am AUX conj 2 be",
            "here ADV advmod 6 here",
        ],
        [],
    ),
    (
        "not a quote: an editor's label, CLARIFICATION: The sentence has been clarified",
        [
            "CLARIFICATION_ NOUN ROOT 0 clarification",
            ": PUNCT punct 0 :",
            "The DET det 3 the",
            "sentence NOUN nsubjpass 6 sentence",
            "has AUX aux 6 have",
            "been AUX auxpass 6 be",
            "clarified VERB appos 0 clarify",
        ],
        [],
    ),
    (
        "not a quote: a headline label with no claim, Photos: A World at War",
        [
            "Photos_ NOUN ROOT 0 photo",
            ": PUNCT punct 0 :",
            "A DET det 3 a",
            "World PROPN appos 0 World",
            "at ADP prep 3 at",
            "War PROPN pobj 4 War",
        ],
        [],
    ),
    (
        "not a quote: scare quotes with no cue",
        [
            "The DET det 3 the",
            "so-called ADJ amod 3 so-called",
            '"_ PUNCT punct 3 "',
            "truce_ NOUN nsubj 5 truce",
            '" PUNCT punct 3 "',
            "failed_ VERB ROOT 5 fail",
            ". PUNCT punct 5 .",
        ],
        [],
    ),
    (
        "not a quote: a reporting verb with a noun object",
        [
            "The DET det 1 the",
            "group NOUN nsubj 2 group",
            "said VERB ROOT 2 say",
            "nothing_ PRON dobj 2 nothing",
            ". PUNCT punct 2 .",
        ],
        [],
    ),
    (
        "not a quote: a verb that is no reporting verb",
        ["Troops NOUN nsubj 1 troop", "hoped_ VERB ROOT 1 hope", ". PUNCT punct 1 ."],
        [],
    ),
    (
        "object: X announced NP",
        [
            "The DET det 1 the",
            "ministry NOUN nsubj 2 ministry",
            "announced VERB ROOT 2 announce",
            "a DET det 4 a",
            "cease-fire_ NOUN dobj 2 cease-fire",
            ". PUNCT punct 2 .",
        ],
        [("indirect", "a cease-fire", "announced", "The ministry")],
    ),
    (
        "object: what the verb says about the object reads with it",
        [
            "Trump PROPN nsubj 1 Trump",
            "criticized VERB ROOT 1 criticize",
            "Scalia PROPN dobj 1 Scalia",
            "for ADP prep 1 for",
            "questioning VERB pcomp 3 question",
            "it_ PRON dobj 4 it",
            ". PUNCT punct 1 .",
        ],
        [("indirect", "Scalia for questioning it", "criticized", "Trump")],
    ),
    (
        "not a quote: an object verb that states nothing",
        [
            "Smith PROPN nsubj 1 Smith",
            "won VERB ROOT 1 win",
            "the DET det 3 the",
            "race_ NOUN dobj 1 race",
            ". PUNCT punct 1 .",
        ],
        [],
    ),
    (
        "not a quote: an object cue with no one announcing",
        [
            "The DET det 1 the",
            "plan NOUN ROOT 1 plan",
            "announced VERB acl 1 announce",
            "Friday_ PROPN npadvmod 2 Friday",
            ". PUNCT punct 1 .",
        ],
        [],
    ),
    (
        "calling: X called Y Z",
        [
            "Trump PROPN nsubj 1 Trump",
            "called VERB ROOT 1 call",
            "Cruz PROPN dobj 1 Cruz",
            "a DET det 4 a",
            "hypocrite_ NOUN oprd 1 hypocrite",
            ". PUNCT punct 1 .",
        ],
        [("indirect", "Cruz a hypocrite", "called", "Trump")],
    ),
    (
        "calling: X called for Y",
        [
            "She PRON nsubj 1 she",
            "called VERB ROOT 1 call",
            "for ADP prep 1 for",
            "a DET det 4 a",
            "prosecutor_ NOUN pobj 2 prosecutor",
            ". PUNCT punct 1 .",
        ],
        [("indirect", "a prosecutor", "called for", "She")],
    ),
    (
        "not a quote: calling someone on the phone",
        ["She PRON nsubj 1 she", "called VERB ROOT 1 call", "him_ PRON dobj 1 he", ". PUNCT punct 1 ."],
        [],
    ),
    (
        "complement: a clause the parser hung on the verb still belongs to the content",
        [
            "A DET det 1 a",
            "survey NOUN nsubj 2 survey",
            "found VERB ROOT 2 find",
            "that SCONJ mark 5 that",
            "insiders NOUN nsubj 5 insider",
            "fund VERB ccomp 2 fund",
            "Clinton_ PROPN dobj 5 Clinton",
            ", PUNCT punct 2 ,",
            "while SCONJ mark 10 while",
            "few ADJ nsubj 10 few",
            "fund VERB advcl 2 fund",
            "Sanders_ PROPN dobj 10 Sanders",
            ". PUNCT punct 2 .",
        ],
        [("indirect", "insiders fund Clinton, while few fund Sanders", "found", "A survey")],
    ),
    (
        "complement: a clause with a cue of its own is a quotation of its own",
        [
            "Smith PROPN nsubj 1 Smith",
            "said VERB ROOT 1 say",
            "prices NOUN nsubj 3 price",
            "rose_ VERB ccomp 1 rise",
            ", PUNCT punct 1 ,",
            "adding VERB advcl 1 add",
            "that SCONJ mark 8 that",
            "wages NOUN nsubj 8 wage",
            "fell_ VERB ccomp 5 fall",
            ". PUNCT punct 1 .",
        ],
        [("indirect", "prices rose", "said", "Smith"), ("indirect", "wages fell", "adding", "Smith")],
    ),
    (
        "complement: the clause after the verb, not one the parser hung before it",
        [
            "Prices NOUN nsubj 1 price",
            "rose_ VERB ccomp 4 rise",
            "; PUNCT punct 4 ;",
            "he PRON nsubj 4 he",
            "told VERB ROOT 4 tell",
            "the DET det 6 the",
            "AP PROPN dative 4 AP",
            "that SCONJ mark 9 that",
            "wages NOUN nsubj 9 wage",
            "fell_ VERB ccomp 4 fall",
            ". PUNCT punct 4 .",
        ],
        [("indirect", "wages fell", "told", "he")],
    ),
    (
        "evidence: a finding with the document as its source",
        [
            "In ADP prep 6 in",
            "a DET det 3 a",
            "CBS PROPN compound 3 CBS",
            "poll_ NOUN pobj 0 poll",
            ", PUNCT punct 6 ,",
            "she PRON nsubj 6 she",
            "led VERB ROOT 6 lead",
            "Sanders_ PROPN dobj 6 Sanders",
            ". PUNCT punct 6 .",
        ],
        [("indirect", "she led Sanders", "In", "a CBS poll")],
    ),
    (
        "not a quote: a place is no document",
        [
            "In ADP prep 4 in",
            "Iowa_ PROPN pobj 0 Iowa",
            ", PUNCT punct 4 ,",
            "she PRON nsubj 4 she",
            "led VERB ROOT 4 lead",
            "Sanders_ PROPN dobj 4 Sanders",
            ". PUNCT punct 4 .",
        ],
        [],
    ),
    (
        "statement noun: X's claim that ...",
        [
            "Trump_ PROPN poss 2 Trump",
            "'s PART case 0 's",
            "claim NOUN nsubj 7 claim",
            "that SCONJ mark 5 that",
            "he PRON nsubj 5 he",
            "won VERB acl 2 win",
            "it_ PRON dobj 5 it",
            "fell VERB ROOT 7 fall",
            "apart_ ADV advmod 7 apart",
            ". PUNCT punct 7 .",
        ],
        [("indirect", "he won it", "claim", "Trump")],
    ),
    (
        "stance noun: X's call for Y",
        [
            "Pence_ PROPN poss 2 Pence",
            "'s PART case 0 's",
            "call NOUN nsubj 6 call",
            "for ADP prep 2 for",
            "a DET det 5 a",
            "prosecutor NOUN pobj 3 prosecutor",
            "grew_ VERB ROOT 6 grow",
            ". PUNCT punct 6 .",
        ],
        [("indirect", "a prosecutor", "call", "Pence")],
    ),
    (
        "not a quote: a position on a topic states no claim",
        [
            "Her PRON poss 1 her",
            "position NOUN nsubj 4 position",
            "on ADP prep 1 on",
            "trade_ NOUN pobj 2 trade",
            "shifted_ VERB ROOT 4 shift",
            ". PUNCT punct 4 .",
        ],
        [],
    ),
    (
        "characterizing: X sees Y as Z",
        [
            "Voters NOUN nsubj 1 voter",
            "see VERB ROOT 1 see",
            "Clinton PROPN dobj 1 Clinton",
            "as ADP prep 1 as",
            "untrustworthy_ ADJ pobj 3 untrustworthy",
            ". PUNCT punct 1 .",
        ],
        [("indirect", "Clinton as untrustworthy", "see", "Voters")],
    ),
    (
        "intention: a form the lemmatizer gets wrong still counts ('hoped' -> 'hop')",
        [
            "She PRON nsubj 1 she",
            "hoped VERB ROOT 1 hop",
            "to PART aux 3 to",
            "win_ VERB xcomp 1 win",
            ". PUNCT punct 1 .",
        ],
        [("indirect", "to win", "hoped", "She")],
    ),
    (
        "object, passive: Y was endorsed by X",
        [
            "Kasich PROPN nsubjpass 2 Kasich",
            "was AUX auxpass 2 be",
            "endorsed VERB ROOT 2 endorse",
            "by ADP agent 2 by",
            "the DET det 5 the",
            "Times_ PROPN pobj 3 Times",
            ". PUNCT punct 2 .",
        ],
        [("indirect", "Kasich", "endorsed", "the Times")],
    ),
    (
        "not a quote: a passive with no one named as its source",
        [
            "Kasich PROPN nsubjpass 2 Kasich",
            "was AUX auxpass 2 be",
            "endorsed_ VERB ROOT 2 endorse",
            ". PUNCT punct 2 .",
        ],
        [],
    ),
    (
        "stance adjective: X was critical of Y",
        [
            "Trump PROPN nsubj 1 Trump",
            "was AUX ROOT 1 be",
            "critical ADJ acomp 1 critical",
            "of ADP prep 2 of",
            "the DET det 5 the",
            "plan_ NOUN pobj 3 plan",
            ". PUNCT punct 1 .",
        ],
        [("indirect", "the plan", "critical", "Trump")],
    ),
    (
        "stance adjective: X is confident that ...",
        [
            "Aides NOUN nsubj 1 aide",
            "are AUX ROOT 1 be",
            "confident ADJ acomp 1 confident",
            "that SCONJ mark 5 that",
            "she PRON nsubj 5 she",
            "won_ VERB ccomp 2 win",
            ". PUNCT punct 1 .",
        ],
        [("indirect", "she won", "confident", "Aides")],
    ),
    (
        "not a quote: an adjective that states no stance",
        [
            "Trump PROPN nsubj 1 Trump",
            "was AUX ROOT 1 be",
            "late ADJ acomp 1 late",
            "for ADP prep 2 for",
            "the DET det 5 the",
            "rally_ NOUN pobj 3 rally",
            ". PUNCT punct 1 .",
        ],
        [],
    ),
    (
        "topic: X spoke about ...",
        [
            "Obama PROPN nsubj 1 Obama",
            "spoke VERB ROOT 1 speak",
            "about ADP prep 1 about",
            "the DET det 4 the",
            "need NOUN pobj 2 need",
            "for ADP prep 4 for",
            "reform_ NOUN pobj 5 reform",
            ". PUNCT punct 1 .",
        ],
        [("indirect", "the need for reform", "spoke about", "Obama")],
    ),
    (
        "topic: a demand, X pushed for ...",
        [
            "She PRON nsubj 1 she",
            "pushed VERB ROOT 1 push",
            "for ADP prep 1 for",
            "a DET det 4 a",
            "recount_ NOUN pobj 2 recount",
            ". PUNCT punct 1 .",
        ],
        [("indirect", "a recount", "pushed for", "She")],
    ),
    (
        "topic: a particle stays in the cue, X spoke out against ...",
        [
            "He PRON nsubj 1 he",
            "spoke VERB ROOT 1 speak",
            "out ADP prt 1 out",
            "against ADP prep 1 against",
            "the DET det 5 the",
            "war_ NOUN pobj 3 war",
            ". PUNCT punct 1 .",
        ],
        [("indirect", "the war", "spoke out against", "He")],
    ),
    (
        "not a quote: a verb of speaking with no topic, X spoke with Y",
        [
            "He PRON nsubj 1 he",
            "spoke VERB ROOT 1 speak",
            "with ADP prep 1 with",
            "reporters_ NOUN pobj 2 reporter",
            ". PUNCT punct 1 .",
        ],
        [],
    ),
    (
        "passive report: X is expected to ..., with no source named",
        [
            "Trump PROPN nsubjpass 2 Trump",
            "is AUX auxpass 2 be",
            "expected VERB ROOT 2 expect",
            "to PART aux 4 to",
            "win VERB xcomp 2 win",
            "Ohio_ PROPN dobj 4 Ohio",
            ". PUNCT punct 2 .",
        ],
        [("indirect", "Trump is expected to win Ohio", "expected", None)],
    ),
    (
        "not a quote: 'supposed to' is an obligation, not a claim",
        [
            "The DET det 1 the",
            "war NOUN nsubjpass 3 war",
            "was AUX auxpass 3 be",
            "supposed VERB ROOT 3 suppose",
            "to PART aux 5 to",
            "end_ VERB xcomp 3 end",
            ". PUNCT punct 3 .",
        ],
        [],
    ),
    (
        "support: X is backing Y",
        [
            "Dayton PROPN nsubj 2 Dayton",
            "is AUX aux 2 be",
            "backing VERB ROOT 2 back",
            "Clinton_ PROPN dobj 2 Clinton",
            ". PUNCT punct 2 .",
        ],
        [("indirect", "Clinton", "backing", "Dayton")],
    ),
    (
        "intention: a want stated of the subject, X wants to ...",
        [
            "Voters NOUN nsubj 1 voter",
            "want VERB ROOT 1 want",
            "to PART aux 3 to",
            "see VERB xcomp 1 see",
            "change_ NOUN dobj 3 change",
            ". PUNCT punct 1 .",
        ],
        [("indirect", "to see change", "want", "Voters")],
    ),
    (
        "object: a statement's substance, X stressed ...",
        [
            "He PRON nsubj 1 he",
            "stressed VERB ROOT 1 stress",
            "the DET det 3 the",
            "need NOUN dobj 1 need",
            "for ADP prep 3 for",
            "unity_ NOUN pobj 4 unity",
            ". PUNCT punct 1 .",
        ],
        [("indirect", "the need for unity", "stressed", "He")],
    ),
    (
        "object: an object the parser split in parts is read whole",
        [
            "Trump PROPN nsubj 1 Trump",
            "endorsed VERB ROOT 1 endorse",
            "the DET det 3 the",
            "re_ NOUN dobj 1 re",
            "-_ PUNCT dobj 1 -",
            "election NOUN dobj 1 election",
            "of ADP prep 5 of",
            "Ryan_ PROPN pobj 6 Ryan",
            ". PUNCT punct 1 .",
        ],
        [("indirect", "the re-election of Ryan", "endorsed", "Trump")],
    ),
    (
        "complement: a question someone raised, X wondered whether ...",
        [
            "She PRON nsubj 1 she",
            "wondered VERB ROOT 1 wonder",
            "whether SCONJ mark 4 whether",
            "voters NOUN nsubj 4 voter",
            "cared_ VERB ccomp 1 care",
            ". PUNCT punct 1 .",
        ],
        [("indirect", "whether voters cared", "wondered", "She")],
    ),
    (
        "not a quote: a relative pronoun as the topic stands for words elsewhere",
        [
            "the DET det 1 the",
            "plan NOUN ROOT 1 plan",
            "that PRON pobj 5 that WDT",
            "they PRON nsubj 4 they",
            "spoke VERB relcl 1 speak",
            "about_ ADP prep 4 about",
            ". PUNCT punct 1 .",
        ],
        [],
    ),
    (
        "nested: a report inside a report is part of its content, not a quotation of its own",
        [
            "Officials NOUN nsubj 1 official",
            "said VERB ROOT 1 say",
            "polls NOUN nsubj 3 poll",
            "show VERB ccomp 1 show",
            "Clinton PROPN nsubj 5 Clinton",
            "leads_ VERB ccomp 3 lead",
            ". PUNCT punct 1 .",
        ],
        [("indirect", "polls show Clinton leads", "said", "Officials")],
    ),
    (
        "appearance: X appeared to ..., a judgment with no source named",
        [
            "Sanders PROPN nsubj 1 Sanders",
            "appeared VERB ROOT 1 appear",
            "to PART aux 3 to",
            "dismiss VERB xcomp 1 dismiss",
            "the DET det 5 the",
            "issue_ NOUN dobj 3 issue",
            ". PUNCT punct 1 .",
        ],
        [("indirect", "Sanders appeared to dismiss the issue", "appeared", None)],
    ),
    (
        "appearance: it seems that ...",
        [
            "It PRON nsubj 1 it",
            "seems VERB ROOT 1 seem",
            "that SCONJ mark 4 that",
            "voters NOUN nsubj 4 voter",
            "agree_ VERB ccomp 1 agree",
            ". PUNCT punct 1 .",
        ],
        [("indirect", "voters agree", "seems", None)],
    ),
    (
        "not a quote: appearing somewhere is no judgment",
        [
            "He PRON nsubj 1 he",
            "appeared VERB ROOT 1 appear",
            "on ADP prep 1 on",
            "television_ NOUN pobj 2 television",
            ". PUNCT punct 1 .",
        ],
        [],
    ),
]


ENTITY_CASES = [
    (
        "not a quote: a place backing a side gives arms, not words",
        [
            "Ankara PROPN nsubj 1 Ankara",
            "supports VERB ROOT 1 support",
            "the DET det 3 the",
            "rebels_ NOUN dobj 1 rebel",
            ". PUNCT punct 1 .",
        ],
        ["B-GPE", "O", "O", "O", "O"],
        [],
    ),
    (
        "support: a person backing a side is a stance",
        [
            "Pence PROPN nsubj 1 Pence",
            "supports VERB ROOT 1 support",
            "the DET det 3 the",
            "rebels_ NOUN dobj 1 rebel",
            ". PUNCT punct 1 .",
        ],
        ["B-PERSON", "O", "O", "O", "O"],
        [("indirect", "the rebels", "supports", "Pence")],
    ),
    (
        "not a quote: a date says when someone spoke, not what about",
        [
            "She PRON nsubj 1 she",
            "commented VERB ROOT 1 comment",
            "on ADP prep 1 on",
            "Tuesday_ PROPN pobj 2 Tuesday",
            ". PUNCT punct 1 .",
        ],
        ["O", "O", "O", "B-DATE", "O"],
        [],
    ),
    (
        "topic: what someone commented on",
        [
            "She PRON nsubj 1 she",
            "commented VERB ROOT 1 comment",
            "on ADP prep 1 on",
            "the DET det 4 the",
            "verdict_ NOUN pobj 2 verdict",
            ". PUNCT punct 1 .",
        ],
        ["O", "O", "O", "O", "O", "O"],
        [("indirect", "the verdict", "commented on", "She")],
    ),
]


@pytest.mark.parametrize(("name", "tokens", "expected"), CASES, ids=[c[0] for c in CASES])
def test_detect_patterns(name: str, tokens: list[str], expected: list[tuple[str, str, str, str]]) -> None:
    assert _found(make_doc(tokens)) == expected


@pytest.mark.parametrize(
    ("name", "tokens", "ents", "expected"), ENTITY_CASES, ids=[c[0] for c in ENTITY_CASES]
)
def test_detect_patterns_with_entities(
    name: str, tokens: list[str], ents: list[str], expected: list[tuple[str, str, str, str]]
) -> None:
    assert _found(make_doc(tokens, ents)) == expected


def _found(doc: Doc) -> list[tuple[str, str, str | None, str | None]]:
    """Each detection as (kind, text, cue, source), the form the tables give."""
    return [
        (
            d.kind,
            doc.text[d.start : d.end],
            d.cue.text if d.cue else None,
            d.source.text if d.source else None,
        )
        for d in detect(doc)
    ]


def test_fragments_of_a_split_quote() -> None:
    # "We will win," he said, "and soon."
    doc = make_doc(
        [
            '"_ PUNCT punct 7 "',
            "We PRON nsubj 3 we",
            "will AUX aux 3 will",
            "win_ VERB ccomp 7 win",
            ",_ PUNCT punct 3 ,",
            '" PUNCT punct 7 "',
            "he PRON nsubj 7 he",
            "said_ VERB ROOT 7 say",
            ", PUNCT punct 7 ,",
            '"_ PUNCT punct 11 "',
            "and CCONJ cc 11 and",
            "soon_ ADV advmod 7 soon",
            "._ PUNCT punct 7 .",
            '" PUNCT punct 7 "',
        ]
    )
    (quote,) = detect(doc)
    assert quote.kind == "direct"
    assert [doc.text[s:e] for s, e in quote.fragments] == ['"We will win,"', '"and soon."']
    assert doc.text[quote.start : quote.end] == '"We will win," he said, "and soon."'
    assert quote.cue is not None and quote.cue.text == "said"


# '"We won," he said': the first part of a turn, its cue after it.
WE_WON_HE_SAID = [
    '"_ PUNCT punct 4 "',
    "We PRON nsubj 2 we",
    "won_ VERB ccomp 4 win",
    ",_ PUNCT punct 2 ,",
    '" PUNCT punct 4 "',
    "he PRON nsubj 4 he",
    "said_ VERB ROOT 4 say",
]


@pytest.mark.parametrize(
    ("head", "dep"),
    [(9, "ROOT"), (6, "ccomp")],
    ids=["the second sentence on its own", "the parser links the second sentence to the cue"],
)
def test_a_turn_quoted_in_two_sentences_is_one_quotation(head: int, dep: str) -> None:
    # "We won," he said. "It is over."
    doc = make_doc(
        [
            *WE_WON_HE_SAID,
            ". PUNCT punct 4 .",
            '"_ PUNCT punct 9 "',
            "It PRON nsubj 9 it",
            f"is AUX {dep} {head} be",
            "over_ ADV advmod 9 over",
            "._ PUNCT punct 9 .",
            '" PUNCT punct 9 "',
        ]
    )
    (quote,) = detect(doc)
    assert [doc.text[s:e] for s, e in quote.fragments] == ['"We won,"', '"It is over."']
    assert quote.cue is not None and quote.cue.text == "said"


def test_a_new_paragraph_is_a_new_quotation() -> None:
    # "We won," he said.\n"It is over, and we are going home now."
    doc = make_doc(
        [
            *WE_WON_HE_SAID,
            "._ PUNCT punct 4 .",
            "\n_ SPACE dep 7 \n",
            '"_ PUNCT punct 10 "',
            "It PRON nsubj 10 it",
            "is AUX ROOT 10 be",
            "over_ ADV advmod 10 over",
            ",_ PUNCT punct 10 ,",
            "and CCONJ cc 10 and",
            "we PRON nsubj 16 we",
            "are AUX aux 16 be",
            "going VERB conj 10 go",
            "home ADV advmod 16 home",
            "now_ ADV advmod 16 now",
            "._ PUNCT punct 16 .",
            '" PUNCT punct 16 "',
        ]
    )
    first, second = detect(doc)
    assert not first.fragments and not second.fragments
    assert "floating" in second.flags


def test_offsets_index_the_text() -> None:
    for _, tokens, _ in CASES:
        doc = make_doc(tokens)
        for d in detect(doc):
            for span in (d.cue, d.source):
                if span is not None:
                    assert doc.text[span.start : span.end] == span.text


# Quotations with no cue: a short one is kept only as a turn of dialogue, never as a scare
# quote or a title inside running text.
# (name, tokens "text POS dep head lemma", [quoted text of each direct quotation])
UNCUED_CASES = [
    (
        'a turn on a line of its own: He sighed.\\n"Yes, sir."',
        [
            "He PRON nsubj 1 he",
            "sighed_ VERB ROOT 1 sigh",
            "._ PUNCT punct 1 .",
            "\n_ SPACE dep 2 \n",
            '"_ PUNCT punct 1 "',
            "Yes_ INTJ dep 1 yes",
            ", PUNCT punct 5 ,",
            "sir_ NOUN npadvmod 5 sir",
            "._ PUNCT punct 1 .",
            '" PUNCT punct 1 "',
        ],
        ['"Yes, sir."'],
    ),
    (
        'a question opening its line: "Oh?" and narration after it',
        [
            "She PRON nsubj 1 she",
            "waited_ VERB ROOT 1 wait",
            "._ PUNCT punct 1 .",
            "\n_ SPACE dep 2 \n",
            '"_ PUNCT punct 1 "',
            "Oh_ INTJ dep 1 oh",
            "?_ PUNCT punct 1 ?",
            '" PUNCT punct 1 "',
            "He PRON nsubj 9 he",
            "frowned_ VERB conj 1 frown",
            ". PUNCT punct 9 .",
        ],
        ['"Oh?"'],
    ),
    (
        'an exclamation closing its paragraph: Then a cry of "Fire!"',
        [
            "Then ADV advmod 2 then",
            "a DET det 2 a",
            "cry NOUN ROOT 2 cry",
            "of ADP prep 2 of",
            '"_ PUNCT punct 5 "',
            "Fire_ NOUN pobj 3 fire",
            "!_ PUNCT punct 2 !",
            '" PUNCT punct 2 "',
        ],
        ['"Fire!"'],
    ),
    (
        'not a turn: a scare quote in running text, the so-called "truce" held.',
        [
            "The DET det 4 the",
            "so_ ADV advmod 2 so",
            "-_ PUNCT punct 3 -",
            "called VERB amod 4 call",
            '"_ PUNCT punct 5 "',
            "truce_ NOUN nsubj 7 truce",
            '" PUNCT punct 5 "',
            "held_ VERB ROOT 7 hold",
            ". PUNCT punct 7 .",
        ],
        [],
    ),
    (
        'not a turn: a quoted word opening a line, "Truce" is a strong word.',
        [
            '"_ PUNCT punct 1 "',
            "Truce_ NOUN nsubj 3 truce",
            '" PUNCT punct 1 "',
            "is AUX ROOT 3 be",
            "a DET det 6 a",
            "strong ADJ amod 6 strong",
            "word_ NOUN attr 3 word",
            ". PUNCT punct 3 .",
        ],
        [],
    ),
    (
        'not a turn: a label on a line of its own, "Related:"',
        [
            '"_ PUNCT punct 1 "',
            "Related_ ADJ ROOT 1 related",
            ":_ PUNCT punct 1 :",
            '"_ PUNCT punct 1 "',
            "\n_ SPACE dep 1 \n",
            "More ADJ amod 6 more",
            "news_ NOUN appos 1 news",
        ],
        [],
    ),
    (
        'not a turn: a title ending in "!" inside running text',
        [
            "He PRON nsubj 1 he",
            "starred VERB ROOT 1 star",
            "in ADP prep 1 in",
            '"_ PUNCT punct 4 "',
            "Oklahoma_ PROPN pobj 2 Oklahoma",
            "!_ PUNCT punct 4 !",
            '" PUNCT punct 4 "',
            "last ADJ amod 8 last",
            "year_ NOUN npadvmod 1 year",
            ". PUNCT punct 1 .",
        ],
        [],
    ),
]


@pytest.mark.parametrize(("name", "tokens", "expected"), UNCUED_CASES)
def test_uncued_quotations(name: str, tokens: list[str], expected: list[str]) -> None:
    doc = make_doc(tokens)
    found = [doc.text[d.start : d.end] for d in detect(doc) if d.kind == "direct"]
    assert found == expected


def test_rules_start_only_from_nouns_adjectives_verbs_according_in_and_colons() -> None:
    from quotes.extract.reported import rule_starts

    doc = make_doc(
        [
            "According VERB prep 6 accord",
            "to ADP prep 0 to",
            "the DET det 3 the",
            "report_ NOUN pobj 1 report",
            ", PUNCT punct 6 ,",
            "he PRON nsubj 6 he",
            "said VERB ROOT 6 say",
            "in ADP prep 6 in",
            "Paris_ PROPN pobj 7 Paris",
            ":_ PUNCT punct 6 :",
            "calm ADJ acomp 6 calm",
        ]
    )
    assert rule_starts(doc) == [0, 3, 6, 7, 9, 10]
    # "according" and "in" whatever the tagger made of them.
    assert rule_starts(make_doc(["according ADP ROOT 0 according", "In ADV advmod 0 in"])) == [0, 1]
    assert rule_starts(make_doc(["he PRON ROOT 0 he"])) == []


def test_tokens_are_found_by_an_attribute_read_as_an_array() -> None:
    from spacy.attrs import LOWER, POS, TAG

    from quotes.extract.doc import tokens_where

    doc = make_doc(
        [
            "Smith PROPN nsubj 1 Smith NNP",
            "met VERB ROOT 1 meet VBD",
            "SMITH PROPN dobj 1 Smith NNP",
            "and CCONJ cc 2 and CC",
            "smith NOUN conj 2 smith NN",
        ]
    )
    assert [t.i for t in tokens_where(doc, LOWER, {"smith"})] == [0, 2, 4]
    assert [t.i for t in tokens_where(doc, POS, ["PROPN", "CCONJ"])] == [0, 2, 3]
    assert [t.i for t in tokens_where(doc, TAG, ["NN"])] == [4]
    assert tokens_where(doc, LOWER, []) == []


@pytest.mark.parametrize("count", [1, 3, 16, 17, 40])
def test_a_column_among_values_is_what_numpy_isin_says(count: int) -> None:
    import numpy

    from quotes.extract.doc import among

    column = numpy.array([2**64 - 1, 2**64 - 2, 7, 0, 12638816674900267446, 7], dtype="uint64")
    values = {2**64 - 2, 7, 12638816674900267447} | set(range(100, 100 + count - 3))
    expected = numpy.isin(column, numpy.array(sorted(values), dtype="uint64"))
    assert among(column, values).tolist() == expected.tolist() == [False, True, True, False, False, True]
    assert not among(column, set()).any()


def test_a_lemma_is_remembered_by_its_word_and_lemma() -> None:
    from quotes.extract.detection import lemma_of

    doc = make_doc(["Said VERB ROOT 0 Say", "said VERB ROOT 1 say", "says VERB ROOT 2 say"])
    assert [lemma_of(t) for t in doc] == ["say", "say", "say"]
    doc[1].lemma_ = "said"  # a lemma changed since is read again
    assert lemma_of(doc[1]) == "said"
