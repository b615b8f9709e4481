"""A progress line on standard error while a corpus is analysed, drawn by tqdm.

    quotes: 1,204 of 5,000 documents · 14.2 documents/s · about 4m 27s left

tqdm does the drawing: the line is redrawn over itself at most every ``REDRAW_SECONDS``,
and cleared and drawn again around anything else written to the same stream
(``tqdm.external_write_mode``), so warnings never land in the middle of it:
``ProgressLine.stream`` is a stream for loggers and messages that writes through it a
whole line at a time. It is drawn only where the CLI enables it: on a terminal, without
``--quiet``. The text is this module's (:func:`status`): a count with no bar, since the
total is an estimate (the lines of the JSONL inputs), the mean rate since the first
document, and the time left.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, TypeVar

from tqdm import tqdm

__all__ = ["ClearingStream", "ProgressLine", "status"]

T = TypeVar("T")

REDRAW_SECONDS = 0.2
# No rate or time left is shown before this much time has passed: the first documents
# wait for the first batch, and a rate from them would mislead.
SETTLE_SECONDS = 2.0
# The screen height tqdm is told: it uses the height only to stack bars under each other,
# and this is one line at the top; left to read it, tqdm draws nothing on a terminal
# that reports no size (a pseudo-terminal without one gives -1).
_ROWS = 2


class _Line(tqdm):
    """tqdm with this module's text, on a given clock, and no monitor thread (the CLI
    forks worker processes, which a running thread makes unsafe)."""

    monitor_interval = 0

    def __init__(self, *args: Any, clock: Callable[[], float], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._time = clock
        self.start_t = self.last_print_t = clock()

    @staticmethod
    def format_meter(n: int, total: int | None, elapsed: float, unit: str = "document", **_: Any) -> str:
        return status(n, total, elapsed, unit=unit)


class ProgressLine:
    """Counts documents as they go by and shows the count, rate and time left.

    ``total`` is how many documents are expected (None when unknown, as for standard
    input). Nothing is drawn unless ``enabled``; the CLI enables it when its stderr is a
    terminal and --quiet is not given.
    """

    def __init__(
        self,
        stream: IO[str],
        *,
        total: int | None,
        enabled: bool,
        unit: str = "document",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self.total = total
        self.enabled = enabled
        self.unit = unit
        self._clock = clock

    def track(self, items: Iterable[T]) -> Iterator[T]:
        """Yield ``items``, counting each as done once the consumer asks for the next;
        the line ends with the final count. The clock starts here, not when the line is
        made, so loading the model does not count against the rate."""
        line = _Line(
            items,
            total=self.total,
            file=self._stream,
            disable=not self.enabled,
            unit=self.unit,
            mininterval=REDRAW_SECONDS,
            miniters=1,
            leave=True,
            nrows=_ROWS,
            clock=self._clock,
        )
        with line:
            yield from line

    @property
    def stream(self) -> ClearingStream:
        """A stream over the same output that clears the progress line before each line
        written, and draws it again after."""
        return ClearingStream(self._stream)


class ClearingStream:
    """The part of a text stream that ``logging`` and ``print`` use, writing whole lines
    with the progress line cleared (``print`` writes a message and its newline apart:
    drawn again between them, the line would cover the message)."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._pending = ""

    def write(self, text: str) -> int:
        self._pending += text
        if "\n" in self._pending:
            lines, _, self._pending = self._pending.rpartition("\n")
            self._write_through(lines + "\n")
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self._write_through(self._pending)
            self._pending = ""
        self._stream.flush()

    def _write_through(self, text: str) -> None:
        with tqdm.external_write_mode(file=self._stream):
            self._stream.write(text)


def status(done: int, total: int | None, elapsed: float, *, unit: str = "document") -> str:
    """The text of the line after ``done`` of ``total`` documents in ``elapsed`` seconds."""
    units = unit if done == 1 and not total else f"{unit}s"
    count = f"{done:,} of {total:,} {units}" if total else f"{done:,} {units}"
    if elapsed < SETTLE_SECONDS or not done:
        return f"quotes: {count}"
    rate = done / elapsed
    line = f"quotes: {count} · {rate:,.1f} {unit}s/s"
    if total and total > done:
        line += f" · about {_duration((total - done) / rate)} left"
    return line


def _duration(seconds: float) -> str:
    """A rough duration: "45s", "4m 27s", "3h 05m"."""
    whole = int(seconds + 0.5)
    if whole < 60:
        return f"{whole}s"
    minutes, seconds_left = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes}m {seconds_left:02d}s"
    hours, minutes_left = divmod(minutes, 60)
    return f"{hours}h {minutes_left:02d}m"
