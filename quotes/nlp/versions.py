"""Whether the installed spaCy and thinc are those this package's speed-ups were verified on.

The speed-ups of this package reach into spaCy's and thinc's internals: a layer's
forward function (:mod:`.forward`), its ops (:mod:`.blas`), the lemmatizer's tables and
cache (:mod:`.lemmas`), the attribute ruler's patterns (:mod:`.ruler`), and how the
entity recognizer reads a sentence (:mod:`.entities`). Each was checked to give the
same parse, lemma for lemma and entity for entity, on spaCy 3.8 and thinc 8.3. Another
release may change what it relies on without an error, so on any other version each
stands aside (:func:`verified` says False), one warning is logged, and spaCy's stock
code runs: slower, never different.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping
from importlib import metadata

logger = logging.getLogger(__name__)

# The release series each speed-up was verified on: any 3.8.x spaCy, any 8.3.x thinc.
VERIFIED: Mapping[str, str] = {"spacy": "3.8", "thinc": "8.3"}

_warned = False


@functools.cache
def installed_versions() -> dict[str, str]:
    """The installed version of each package of ``VERIFIED`` (read once: a process does
    not change them)."""
    return {name: metadata.version(name) for name in VERIFIED}


def unverified(versions: Mapping[str, str]) -> list[str]:
    """The packages of ``versions`` outside the series they were verified on, as
    ``"name version"``."""
    return [
        f"{name} {version}"
        for name, version in versions.items()
        if name in VERIFIED and version.split(".")[:2] != VERIFIED[name].split(".")
    ]


def verified(patch: str) -> bool:
    """Whether the speed-up ``patch`` may run: spaCy and thinc are of the series it was
    verified on. Where they are not, the first call of the process logs one warning."""
    global _warned
    others = unverified(installed_versions())
    if not others:
        return True
    if not _warned:
        _warned = True
        series = ", ".join(f"{name} {series}.x" for name, series in VERIFIED.items())
        logger.warning(
            "%s: not the versions the speed-ups of quotes were verified on (%s); "
            "spaCy's stock code runs instead (the same results, slower)",
            ", ".join(others),
            series,
        )
    logger.debug("%s stands aside", patch)
    return False
