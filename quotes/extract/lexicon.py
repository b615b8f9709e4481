"""Word lists the rules consult, kept as data so each entry can be justified and tuned.

Sources: Levin (1993) "English Verb Classes and Alternations" §37 (verbs of
communication: say, tell, manner of speaking, complain) and §29.4-29.5 (declare,
conjecture: believe, estimate); textacy's ``constants.REPORTING_VERBS``; and the cue
words news writers use for attribution as described in the PolNeAR guidelines (Newell,
Margolin & Ruths 2018): speech, writing, statements, beliefs and evidence.
"""

from __future__ import annotations

# --- Cues -------------------------------------------------------------------------

# Verbs of saying (Levin 37.7 "say", 37.2 "tell", 37.8 "complain", 37.1 "transfer of a
# message"): their clausal complement is what was said. "The group said clashes continued."
SPEECH_VERBS: frozenset[str] = frozenset(
    {
        "say",
        "tell",
        "add",
        "state",
        "declare",
        "announce",
        "claim",
        "assert",
        "insist",
        "maintain",
        "contend",
        "argue",
        "explain",
        "note",
        "observe",
        "remark",
        "comment",
        "mention",
        "stress",
        "emphasize",
        "emphasise",
        "reply",
        "respond",
        "answer",
        "ask",
        "warn",
        "caution",
        "admit",
        "acknowledge",
        "concede",
        "confirm",
        "deny",
        "allege",
        "complain",
        "predict",
        "promise",
        "pledge",
        "vow",
        "threaten",
        "suggest",
        "recall",
        "testify",
        "repeat",
        "reiterate",
        "joke",
        "quip",
        "boast",
        "brag",
        "counter",
        "retort",
        "concur",
        "agree",
        "disagree",
        "conclude",
        "urge",
        "propose",
        "recommend",
        "demand",
        "speculate",
        "lament",
        "scoff",
        "shout",
        "whisper",
        "exclaim",
        "cry",
        "murmur",
        "mutter",
        "yell",
        "scream",
        "sigh",
        "laugh",
        "snap",
        "protest",
        "object",
        "point",
        "clarify",
        "elaborate",
        "affirm",
        "proclaim",
        "pronounce",
        "hint",
        "imply",
        "signal",
        "indicate",
        "disclose",
        "reveal",
        "assure",
        "inform",
        "notify",
        "remind",
        "advise",
        "brief",
        "continue",
        "wonder",
        "question",
        "inquire",
        # Manner of speaking (Levin 37.3), as fiction's dialogue and quoted testimony
        # give it: '" Not so fast , " interrupted Holmes .'
        "interrupt",
        "interpose",
        "rejoin",
        "confess",
        "drawl",
        "stammer",
        "stutter",
        "growl",
        "groan",
        "gasp",
        "sob",
        "hiss",
        "snarl",
        "roar",
        "bellow",
        "grumble",
        "whine",
        "moan",
        "chuckle",
        "sneer",
    }
)

# Verbs of writing and publishing (Levin 25.4 "scribble"/37.1): institutional and
# written sources. "The Syrian Observatory reported that airstrikes resumed."
WRITING_VERBS: frozenset[str] = frozenset(
    {"write", "report", "tweet", "post", "publish", "blog", "text", "email", "cite", "quote"}
)

# Verbs of belief and estimation (Levin 29.4 "declare", 29.5 "conjecture"): claims with a
# source, which fact-checkers treat like statements. "Analysts estimate that 3,000 fled."
BELIEF_VERBS: frozenset[str] = frozenset(
    {
        "believe",
        "think",
        "estimate",
        "expect",
        "fear",
        "hope",
        "feel",
        "doubt",
        "worry",
        "suspect",
        "reckon",
        "assume",
        "calculate",
        "forecast",
        "project",
        "know",
        "understand",
        "consider",
        "figure",
        "guess",
        "anticipate",
        "predict",
        "recognize",
        "recognise",
        "realize",
        "realise",
        "learn",
    }
)

# Verbs of evidence: a document, poll or study as the source. "A poll shows Clinton leads."
EVIDENCE_VERBS: frozenset[str] = frozenset(
    {"show", "find", "suggest", "indicate", "conclude", "determine", "reveal", "say"}
)

REPORTING_VERBS: frozenset[str] = SPEECH_VERBS | WRITING_VERBS | BELIEF_VERBS | EVIDENCE_VERBS

# Verbs whose "to" infinitive is a commitment, a directive or an intention someone made
# known (Searle's commissive and directive speech acts; Levin 37.7 "promise", 37.9
# "advise"/"urge"): "Trump vowed to build a wall." / "She urged Congress to act." /
# "Obama plans to send a nominee." Stated plans, wishes and decisions ("plan", "intend",
# "hope", "seek", "expect", "want", "would like", "decide", "vote to") are claims about a
# source's intent that fact-checkers track, as PolNeAR annotates them (63-100% of their
# infinitives are attributions on its train split); "try" (44%), "need" (34%) and "aim"
# (an aim the writer ascribes) are left out. Only with an active subject, the one who
# commits or directs (the passive "was asked to" names no source).
INTENTION_VERBS: frozenset[str] = frozenset(
    {
        "vow",
        "promise",
        "pledge",
        "swear",
        "threaten",
        "refuse",
        "decline",
        "offer",
        "urge",
        "order",
        "instruct",
        "implore",
        "beg",
        "ask",
        "demand",
        "propose",
        "plan",
        "intend",
        "hope",
        "seek",
        "expect",
        "agree",
        "want",
        "decide",
        "like",
        "look",
        "vote",
        "encourage",
        "wish",
        "prefer",
    }
)

# Verbs whose direct object is the substance of what someone said or the stance they
# took in public (Levin 37.7 "announce"/"reveal", 33 "judgment": praise, criticize,
# denounce; 31.2 "admire" is left out: private feelings are not statements). PolNeAR
# annotates these as attributions ("Obama endorsed Clinton", "She cited the poll"): a
# fact-checker wants the claim with its source even when it is not a clause. Left out:
# verbs whose object is mostly no statement ("claimed victory", "pledged delegates",
# "welcomed a baby", "denied access", "predicted a win", "requested anonymity" under
# 65% on PolNeAR train).
OBJECT_CUE_VERBS: frozenset[str] = frozenset(
    {
        "announce",
        "cite",
        "express",
        "mention",
        "note",
        "reveal",
        "tout",
        "explain",
        "acknowledge",
        "confirm",
        "report",
        "propose",
        "highlight",
        "question",
        "dismiss",
        "reject",
        "denounce",
        "condemn",
        "praise",
        "criticize",
        "criticise",
        "blast",
        "slam",
        "mock",
        "echo",
        "endorse",
        "oppose",
        "discuss",
        "defend",
        "describe",
        "declare",
        "recall",
        "accuse",
        "blame",
        "applaud",
        "decry",
        "lambaste",
        "ridicule",
        "hail",
        "promise",
        "demand",
        "vow",
        "emphasize",
        "emphasise",
        "stress",
        "reiterate",
        "repeat",
        "voice",
        "outline",
        "disclose",
    }
)

# Verbs of political support or preference whose object is the stance taken ("Dayton is
# backing Clinton", "Two-thirds support reducing sentences"): 51-81% attributions on
# PolNeAR train. A country or a city backing a side gives arms or money, not words
# ("Ankara and Moscow support opposing sides"), so a place as subject is no source.
SUPPORT_VERBS: frozenset[str] = frozenset({"support", "back", "favor", "favour", "prefer"})

# Verbs of speaking or campaigning whose prepositional object is what was said or
# demanded, by preposition (Levin 37.5 "talk", 37.6 "chitchat", 37.8 "complain"; and
# the verbs of seeking of 37.1 "ask for"): "Obama spoke about the need for …", "She
# pushed for a recount", "He spoke out against the war", "She apologized for the
# remark", "He agreed with Trump", "She pointed to the poll". The topic of a statement
# is what fact-checkers look up when the words are not given. Each pair is over 55%
# attributions on PolNeAR train where it is measurable. Left out: "vote for/against",
# "fight for", "lobby for", "campaign for", "agree on" (acts and agreements, not
# statements), "respond to" (mostly "a request for comment"), "care about", "blame for"
# (50% or less), and "speak/talk on" (mostly a date or a medium: "on Tuesday", "on radio").
PREPOSITION_CUE_VERBS: dict[str, frozenset[str]] = {
    "about": frozenset(
        {
            "talk",
            "speak",
            "ask",
            "comment",
            "write",
            "tweet",
            "post",
            "testify",
            "joke",
            "complain",
            "boast",
            "brag",
            "warn",
            "lie",
            "muse",
            "wonder",
            "rant",
            "inquire",
            "lecture",
            "worry",
        }
    ),
    "on": frozenset({"comment", "testify", "elaborate", "expound"}),
    "of": frozenset({"speak", "talk", "warn", "boast", "complain"}),
    "for": frozenset(
        {
            "push",
            "advocate",
            "ask",
            "press",
            "argue",
            "plead",
            "clamor",
            "clamour",
            "appeal",
            "thank",
            "apologize",
            "apologise",
            "hope",
            "praise",
            "credit",
            "fault",
            "criticize",
        }
    ),
    "against": frozenset({"argue", "speak", "warn", "rail", "protest", "caution"}),
    "with": frozenset({"agree", "disagree", "side"}),
    "to": frozenset({"point", "refer", "allude", "object"}),
}

# Verbs that report a claim in the passive with no source named, the claim being the
# subject and its infinitive (Quirk et al. 1985 §16.59, "raising" passives): "Trump is
# expected to win", "He is said to have left". An unsourced claim is one a fact-checker
# needs flagged; the speaker stays empty. 87% of "is expected to" on PolNeAR train are
# attributions; "is supposed to" (40%) states an obligation and is left out.
PASSIVE_REPORT_VERBS: frozenset[str] = frozenset(
    {
        "expect",
        "say",
        "report",
        "believe",
        "think",
        "rumor",
        "rumour",
        "allege",
        "estimate",
        "project",
        "predict",
        "forecast",
        "presume",
        "understand",
        "know",
        "consider",
        "tip",
        "claim",
    }
)

# Raising verbs of appearance (Levin 30.4 "seem"; the evidentials of news writing):
# "Sanders appeared to dismiss the issue", "It seems that …". A judgment the writer
# reports without a source, which PolNeAR annotates as an attribution to the author and
# a fact-checker wants flagged; the speaker stays empty.
APPEARANCE_VERBS: frozenset[str] = frozenset({"seem", "appear"})

# Verbs that name something in public with a judgment (Levin 29.3 "dub"): "Trump called
# Cruz the ultimate hypocrite." "Call" also makes demands: "She called for a prosecutor",
# "called on Congress to act".
NAMING_VERBS: frozenset[str] = frozenset({"call", "dub", "label", "brand"})

# Documents whose findings are claims with a source (the evidence of EVIDENCE_VERBS as a
# noun): "In a CBS News poll, she led Sanders 56 percent to 32." The clause is the
# claim, the document its source.
EVIDENCE_NOUNS: frozenset[str] = frozenset(
    {
        "poll",
        "survey",
        "study",
        "report",
        "analysis",
        "census",
        "estimate",
        "audit",
        "review",
        "investigation",
        "research",
        "finding",
        "assessment",
        "projection",
        "forecast",
        "tally",
        "count",
        "data",
    }
)

# Nouns naming a statement (nominalised SPEECH_VERBS and BELIEF_VERBS): their "that"
# clause is the content, their possessor the source. "Trump's claim that he opposed the
# war." Nouns like "position" or "message" take a topic, not a claim, as their object.
STATEMENT_NOUNS: frozenset[str] = frozenset(
    {
        "claim",
        "assertion",
        "argument",
        "allegation",
        "accusation",
        "suggestion",
        "warning",
        "promise",
        "pledge",
        "vow",
        "statement",
        "comment",
        "remark",
        "announcement",
        "view",
        "belief",
        "assessment",
        "prediction",
        "insistence",
        "admission",
        "acknowledgment",
        "denial",
        "threat",
        "position",
        "message",
    }
)
# Nouns naming a stance taken in public (nominalised OBJECT_CUE_VERBS and "call for"):
# their prepositional object is what the stance is about. "Pence's call for a special
# prosecutor"; "Trump's criticism of the judge". "Support", "statement" and "position"
# were under 50% on PolNeAR train and are left out; so is "attack", in war reporting
# mostly no verbal one ("their attacks against civilians").
STANCE_NOUNS: frozenset[str] = frozenset(
    {
        "call",
        "criticism",
        "condemnation",
        "denunciation",
        "endorsement",
        "praise",
        "claim",
        "argument",
        "accusation",
        "suggestion",
        "complaint",
    }
)
# Verbs that only put a statement noun to work, so their subject is the noun's source:
# "Trump made the claim that …", "She issued a call for …".
LIGHT_VERBS: frozenset[str] = frozenset(
    {
        "make",
        "issue",
        "repeat",
        "reiterate",
        "renew",
        "voice",
        "express",
        "level",
        "deliver",
        "offer",
        "publish",
    }
)

# Word forms en_core_web_sm 3.8 lemmatizes wrong ("hoped" -> "hop"), found by running
# every form of every cue verb above through the pipeline.
LEMMA_CORRECTIONS: dict[str, str] = {
    "hopes": "hope",
    "hoped": "hope",
    "hoping": "hope",
    "lambastes": "lambaste",
    "lambasted": "lambaste",
    "lambasting": "lambaste",
    "texted": "text",
}

# Verbs of judging something as something (Levin 29.1 "appoint"/29.2 "characterize"):
# with "as" they state a view. "Most voters see Clinton as untrustworthy."
CHARACTERIZE_VERBS: frozenset[str] = frozenset(
    {
        "see",
        "view",
        "regard",
        "perceive",
        "describe",
        "portray",
        "paint",
        "cast",
        "characterize",
        "frame",
        "depict",
    }
)

# Adjectives that state a source's stance or belief about their complement (the
# adjectival counterparts of BELIEF_VERBS and OBJECT_CUE_VERBS): "Trump was critical of
# Obama's leadership"; "Aides are confident that she will win".
STANCE_ADJECTIVES: frozenset[str] = frozenset(
    {
        "critical",
        "supportive",
        "skeptical",
        "sceptical",
        "confident",
        "convinced",
        "sure",
        "certain",
        "worried",
        "concerned",
        "optimistic",
        "pessimistic",
        "opposed",
        "hopeful",
        "doubtful",
        "adamant",
        "dismissive",
        "wary",
        "fearful",
    }
)

# Second-person pronouns: as the source of a parenthetical cue they make a filler
# addressed to the listener ("It was, you know, a mistake."), not an attribution.
LISTENER_PRONOUNS: frozenset[str] = frozenset({"you", "ya", "y'all"})

# Subordinators that make a clause headed by a reporting verb a parenthetical source
# for the clause it modifies: "As the Times noted, Clinton raised $1 million."
PARENTHETICAL_MARKERS: frozenset[str] = frozenset({"as"})

# Prepositional cues: the object of the preposition is the source, the clause it modifies
# is the content. "According to the U.N., 350,000 civilians have fled."
PREPOSITIONAL_CUES: frozenset[str] = frozenset({"according"})

# --- Quotation marks ------------------------------------------------------------

# Opening mark -> the closing marks that may end it. Straight quotes close themselves.
# Typographic conventions: English “…” and ‘…’, French/Russian «…» and ‹…›, German „…“
# and ‚…‘, Polish/Hungarian „…”, Swedish ”…”, and the TeX/NYT-archive ``…'' and ''…''.
QUOTE_PAIRS: dict[str, frozenset[str]] = {
    '"': frozenset({'"'}),
    "\u201c": frozenset({"\u201d", '"'}),  # “ -> ” (and a straight mark in mixed text)
    "\u00ab": frozenset({"\u00bb"}),  # « -> »
    "\u00bb": frozenset({"\u00ab"}),  # » -> « (Danish, German reversed guillemets)
    "\u201e": frozenset({"\u201c", "\u201d"}),  # „ -> “ or ”
    "\u201d": frozenset({"\u201d"}),  # ” -> ” (Swedish, Finnish)
    "``": frozenset({"''", '"'}),
    "''": frozenset({"''"}),  # '' -> '' (the NYT archive: ''We won,'' he said.)
    "\u2018": frozenset({"\u2019"}),  # ‘ -> ’
    "\u2039": frozenset({"\u203a"}),  # ‹ -> ›
    "\u201a": frozenset({"\u2018", "\u2019"}),  # ‚ -> ‘ or ’
    "'": frozenset({"'"}),
}
# Marks that only ever close.
CLOSING_MARKS: frozenset[str] = frozenset({"\u201d", "\u00bb", "''", "\u2019", "\u203a"})
# Marks that only ever open.
OPENING_MARKS: frozenset[str] = frozenset({"\u201c", "\u00ab", "\u201e", "``", "\u2018", "\u2039", "\u201a"})
# Single-quote marks double as apostrophes (don't, the '90s, Jones'), so they count as
# quotation marks only inside a double-quoted span (a quote within a quote) or where
# nothing else explains them.
SINGLE_MARKS: frozenset[str] = frozenset({"'", "\u2018", "\u2019", "\u201a", "\u2039", "\u203a"})

ALL_MARKS: frozenset[str] = frozenset(QUOTE_PAIRS) | CLOSING_MARKS

# Words an apostrophe starts, clipped at the front or split off by a tokenizer: "'tis",
# "'em", "rock 'n' roll", and the clitics of tokenized text ("Lincoln 's Inn", "I 'm",
# "they 'll"). A single mark before one of them opens no quotation. From the Penn
# Treebank tokenization rules for clitics and the elisions common in English fiction.
ELIDED_WORDS: frozenset[str] = frozenset(
    {
        "s",
        "m",
        "d",
        "ll",
        "ve",
        "re",
        "t",
        "em",
        "im",
        "er",
        "tis",
        "twas",
        "twere",
        "twill",
        "twould",
        "n",
        "cause",
        "til",
    }
)

# --- Speakers -------------------------------------------------------------------

# Personal pronouns and what they say about the referent: (number, gender).
# gender: "m", "f", "n" (non-person), None (any person or thing).
PRONOUNS: dict[str, tuple[str, str | None]] = {
    "he": ("sg", "m"),
    "him": ("sg", "m"),
    "his": ("sg", "m"),
    "himself": ("sg", "m"),
    "she": ("sg", "f"),
    "her": ("sg", "f"),
    "hers": ("sg", "f"),
    "herself": ("sg", "f"),
    "it": ("sg", "n"),
    "its": ("sg", "n"),
    "itself": ("sg", "n"),
    "they": ("pl", None),
    "them": ("pl", None),
    "their": ("pl", None),
    "themselves": ("pl", None),
    "i": ("sg", None),
    "we": ("pl", None),
    "you": ("sg", None),
}

# Nouns for people that say their gender, as the head of a description ("his mother",
# "the actress", "her husband"): a "he" cannot point at "his mother". English kinship
# and the common gendered person nouns.
GENDERED_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        (
            "man", "boy", "father", "husband", "son", "brother", "uncle", "nephew", "grandfather",
            "king", "prince", "actor", "businessman", "chairman", "spokesman", "gentleman", "widower",
        ),
        "m",
    ),
    **dict.fromkeys(
        (
            "woman", "girl", "mother", "wife", "daughter", "sister", "aunt", "niece", "grandmother",
            "queen", "princess", "actress", "businesswoman", "chairwoman", "spokeswoman", "lady",
            "widow",
        ),
        "f",
    ),
}  # fmt: skip

# The title a person's spouse or parent bears with the family's surname, for the kinship
# noun that names them ("his wife" of Mr. Bennet is Mrs. Bennet, "her father" of Katharine
# Hilbery is Mr. Hilbery): English forms of address for a married woman and man.
FAMILY_TITLES: dict[str, frozenset[str]] = {
    **dict.fromkeys(("wife", "mother"), frozenset({"mrs", "mrs."})),
    **dict.fromkeys(("husband", "father"), frozenset({"mr", "mr."})),
}

# The nouns abbreviated titles stand for, so that "the senator" is the one the text
# called "Sen. Lindsey Graham" (AP Stylebook abbreviations of titles before a name).
TITLE_NOUNS: dict[str, str] = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "gen": "general",
    "col": "colonel",
    "lt": "lieutenant",
    "capt": "captain",
    "sgt": "sergeant",
    "adm": "admiral",
    "maj": "major",
    "cmdr": "commander",
    "supt": "superintendent",
    "atty": "attorney",
    "pres": "president",
    "prof": "professor",
    "rev": "reverend",
    "amb": "ambassador",
    "sec": "secretary",
    "dr": "doctor",
}

# Titles written before a name, with the gender they imply where they imply one. The
# title is split off the mention into the role ("President Donald Trump" -> role
# "President"). Common Anglo-American news usage (AP Stylebook title list), and the
# forms of address of English fiction.
TITLES: dict[str, str | None] = {
    "mr": "m",
    "mr.": "m",
    "sir": "m",
    "lord": "m",
    "king": "m",
    "prince": "m",
    "father": "m",
    "brother": "m",
    "sheikh": "m",
    "emir": "m",
    # Titles of nobility and of kin before a name, as novels use them ("Count Dracula",
    # "Aunt Juley", "Uncle John").
    "count": "m",
    "duke": "m",
    "baron": "m",
    "uncle": "m",
    "countess": "f",
    "duchess": "f",
    "baroness": "f",
    "aunt": "f",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "miss": "f",
    "madam": "f",
    "lady": "f",
    "dame": "f",
    "queen": "f",
    "princess": "f",
    "sister": "f",
    "dr": None,
    "dr.": None,
    "prof": None,
    "prof.": None,
    "professor": None,
    "president": None,
    "vice": None,
    "minister": None,
    "secretary": None,
    "senator": None,
    "sen.": None,
    "rep.": None,
    "representative": None,
    "congressman": "m",
    "congresswoman": "f",
    "gov.": None,
    "governor": None,
    "mayor": None,
    "chancellor": None,
    "premier": None,
    "judge": None,
    "justice": None,
    "ambassador": None,
    "general": None,
    "gen.": None,
    "col.": None,
    "colonel": None,
    "lt.": None,
    "lieutenant": None,
    "capt.": None,
    "captain": None,
    "sgt.": None,
    "sergeant": None,
    "adm.": None,
    "admiral": None,
    "maj.": None,
    "major": None,
    "commissioner": None,
    "chairman": "m",
    "chairwoman": "f",
    "chair": None,
    "spokesman": "m",
    "spokeswoman": "f",
    "spokesperson": None,
    "director": None,
    "chief": None,
    "head": None,
    "leader": None,
    "pope": "m",
    "rev.": None,
    "reverend": None,
    "rabbi": None,
    "imam": None,
    "attorney": None,
    "detective": None,
    "officer": None,
    "deputy": None,
    "ceo": None,
    "founder": None,
    "coach": None,
    "candidate": None,
    "nominee": None,
    "speaker": None,
    "chief executive": None,
}

# Nouns that name a person by what they do rather than who they are. Heads of mentions
# like "the official", "a source close to ..." that are anonymous unless a name follows.
ANONYMOUS_HEADS: frozenset[str] = frozenset(
    {
        "official",
        "source",
        "aide",
        "person",
        "people",
        "analyst",
        "expert",
        "critic",
        "observer",
        "resident",
        "witness",
        "diplomat",
        "insider",
        "staffer",
        "adviser",
        "advisor",
        "officer",
        "member",
        "employee",
        "lawmaker",
        "activist",
        "supporter",
        "opponent",
        "investigator",
        "economist",
        "scientist",
        "researcher",
        "strategist",
        "operative",
    }
)

# Head nouns of descriptions that name an organisation ("the war monitoring group",
# "the ministry"): their speaker is typed ORG and may corefer with an earlier ORG.
ORG_HEADS: frozenset[str] = frozenset(
    {
        # Bodies of business and the press a news story names, then calls by kind
        # ("Acme Corp … the retailer said"; "MicroMega … the magazine").
        "magazine", "charity", "airline", "retailer", "broadcaster", "publisher", "insurer",
        "lender", "manufacturer", "maker", "carrier", "hospital",
        "group",
        "ministry",
        "organization",
        "organisation",
        "agency",
        "government",
        "department",
        "committee",
        "company",
        "council",
        "office",
        "campaign",
        "administration",
        "party",
        "army",
        "military",
        "police",
        "court",
        "union",
        "observatory",
        "monitor",
        "network",
        "institute",
        "university",
        "board",
        "commission",
        "coalition",
        "alliance",
        "firm",
        "bank",
        "newspaper",
        "paper",
        "authority",
        "authorities",
        "team",
        "embassy",
        "watchdog",
        "center",
        "centre",
        "foundation",
        "association",
        "federation",
        "league",
        "movement",
        "service",
        "parliament",
        "congress",
        "senate",
        "cabinet",
        "white house",
        "kremlin",
        "pentagon",
        "regime",
        "report",
        "reports",
        "statement",
        "study",
        "survey",
        "poll",
        "media",
        "outlet",
        "website",
    }
)

# ORG_HEADS that name what a body issues or measures, not a body: "the study" or "the
# poll" is no organization named before it; nor is "the campaign", a person's ("Donald
# Trump's presidential campaign … The campaign says").
NOT_BODIES: frozenset[str] = frozenset(
    {"report", "reports", "study", "survey", "poll", "statement", "website", "campaign"}
)

# Head nouns of descriptions that name people ("the official", "the researcher"); every
# noun that says a person's gender names one too ("his wife", "the old gentleman").
PERSON_HEADS: frozenset[str] = ANONYMOUS_HEADS | frozenset(GENDERED_NOUNS) | frozenset(
    {
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "minister",
        "president",
        "director",
        "chief",
        "leader",
        "secretary",
        "senator",
        "governor",
        "mayor",
        "man",
        "woman",
        "father",
        "mother",
        "son",
        "daughter",
        "doctor",
        "lawyer",
        "attorney",
        "commander",
        "general",
        "professor",
        "author",
        "writer",
        "reporter",
        "journalist",
        "candidate",
        "nominee",
        "chairman",
        "founder",
        "owner",
        "manager",
        "executive",
        "ceo",
        "head",
        "ambassador",
        "envoy",
        "prosecutor",
        "judge",
        "negotiator",
        "farmer",
        "teacher",
        "student",
    }
)

# Determiners that make a description definite: it points back at someone already
# mentioned ("the group" -> the Syrian Observatory), where "a group" introduces someone new.
DEFINITE_DETERMINERS: frozenset[str] = frozenset({"the", "this", "that", "these", "those"})

# Prepositions linking a role to its organisation: "director of", "official at",
# "spokesman for", "analyst with".
ORG_PREPOSITIONS: frozenset[str] = frozenset({"of", "at", "for", "with", "from", "in"})

# Proper nouns that name times, not people or bodies, where no entity says so.
CALENDAR_WORDS: frozenset[str] = frozenset(
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday",
    }
)  # fmt: skip
# Words that name a time after a reporting verb, never the one speaking: "said Monday",
# "said Thursday morning", "said last week".
TIME_WORDS: frozenset[str] = CALENDAR_WORDS | frozenset(
    {
        "today", "yesterday", "tonight", "morning", "afternoon", "evening", "night", "day",
        "week", "weekend", "month", "year",
    }
)  # fmt: skip

# Labels an editor puts before a colon, which name no source: "CLARIFICATION: The first
# sentence has been clarified …", "Editor's note: …", "UPDATE: …".
EDITORIAL_LABELS: frozenset[str] = frozenset(
    {
        "clarification", "correction", "corrections", "update", "updated", "editor's note",
        "editors' note", "editor’s note", "note", "disclosure", "disclaimer", "related",
        "read more", "see also", "abstract", "full text", "summary", "background", "photo",
        "photos", "video", "watch", "source", "sources", "credit",
    }
)  # fmt: skip
