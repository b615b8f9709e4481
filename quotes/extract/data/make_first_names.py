"""Build ``first_names.tsv`` from nomquamgender's name data (MIT; see ``NOTICE``).

    pip download --no-deps nomquamgender==0.1.4 && unzip nomquamgender-0.1.4-py3-none-any.whl
    python -m quotes.extract.data.make_first_names nomquamgender/name_data.json \
        > quotes/extract/data/first_names.tsv

nomquamgender (Van Buskirk, Clauset & Larremore 2023, "An open-source cultural consensus
approach to name-based gender classification") gives each of its 721,739 names the share of
women among the bearers its sources count, p(gf). It is read once,
here, not installed with the tool: loading its 22 MB of JSON costs 1.3 s in every worker
process, and it imports pandas. Kept: names of letters alone, counted at least
MIN_COUNT times in at least MIN_SOURCES sources, whose p(gf) lies within THRESHOLD of 0 or
1 (a name nearer even, "Kim" 0.67, is kept as "u": a first name of no gender).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

MIN_COUNT = 100
MIN_SOURCES = 3
# nomquamgender's own default is 0.1; 0.2 keeps "Kristen" (0.83) and "Chris" (0.12).
THRESHOLD = 0.2
_NAME_RE = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*")


def first_names(data: dict[str, list[object]]) -> dict[str, str]:
    """Each name counted often enough, lowercased, with "f" or "m" where it is clearly
    gendered and "u" where it is borne by women and men alike ("kim", "taylor"): a
    first name all the same, which an occupation is not ("Mathematician Hermann Weyl")."""
    kept: dict[str, str] = {}
    for name, (sources, count, share, *_rest) in data.items():
        if not _NAME_RE.fullmatch(name) or not isinstance(share, float | int):
            continue
        if int(sources) < MIN_SOURCES or int(count) < MIN_COUNT:  # type: ignore[call-overload]
            continue
        if share >= 1 - THRESHOLD:
            kept[name] = "f"
        elif share <= THRESHOLD:
            kept[name] = "m"
        else:
            kept[name] = "u"
    return kept


def main(argv: list[str]) -> int:
    data = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    for name, gender in sorted(first_names(data).items()):
        sys.stdout.write(f"{name}\t{gender}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
