"""A progress line on standard error while a corpus is analysed.

    quotes: 1,204 of 5,000 documents · 14.2 documents/s · about 4m 27s left

It is drawn only on a terminal (never into a pipe or a log file), redrawn at most every
``REDRAW_SECONDS`` over itself, and cleared before anything else is written to the same
stream, so warnings never land in the middle of it: ``ProgressLine.stream`` is a stream
for loggers and messages that clears the line first.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TypeVar

__all__ = ["ClearingStream", "ProgressLine"]

T = TypeVar("T")

REDRAW_SECONDS = 0.2
# Erase the line under the cursor: carriage return, then ANSI "erase in line".
CLEAR_LINE = "\r\x1b[K"
# No rate or time left is shown before this much time has passed: the first documents
# wait for the model and the first batch, and a rate from them would mislead.
SETTLE_SECONDS = 2.0


class ProgressLine:
    """Counts documents as they go by and shows the count, rate and time left.

    `total` is how many documents are expected (None when unknown, as for standard
    input). Nothing is drawn unless `enabled`; the CLI enables it when its stderr is
    a terminal and --quiet is not given.
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
        self.done = 0
        self._clock = clock
        self._started = clock()
        self._drawn_at: float | None = None
        self._visible = False

    def track(self, items: Iterable[T]) -> Iterator[T]:
        """Yield `items`, counting each as done once the consumer asks for the next.

        The clock starts here, not when the line is made, so loading the model does not
        count against the rate.
        """
        self._started = self._clock()
        try:
            for item in items:
                yield item
                self.advance()
        finally:
            self.finish()

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = self._clock()
        if self.enabled and (self._drawn_at is None or now - self._drawn_at >= REDRAW_SECONDS):
            self._draw(now)

    def finish(self) -> None:
        """Draw the final count and end the line, so what follows starts on its own."""
        if self.enabled and self.done:
            self._draw(self._clock())
            self._stream.write("\n")
            self._stream.flush()
            self._visible = False

    def clear(self) -> None:
        """Erase the line, if it is shown, so something else can be written."""
        if self._visible:
            self._stream.write(CLEAR_LINE)
            self._visible = False

    def status(self, now: float) -> str:
        """The text of the line at time `now`."""
        unit = self.unit if self.done == 1 and not self.total else f"{self.unit}s"
        count = f"{self.done:,} of {self.total:,} {unit}" if self.total else f"{self.done:,} {unit}"
        elapsed = now - self._started
        if elapsed < SETTLE_SECONDS or not self.done:
            return f"quotes: {count}"
        rate = self.done / elapsed
        line = f"quotes: {count} · {rate:,.1f} {self.unit}s/s"
        if self.total and self.total > self.done:
            line += f" · about {_duration((self.total - self.done) / rate)} left"
        return line

    @property
    def stream(self) -> ClearingStream:
        """A stream over the same output that clears the progress line before each write."""
        return ClearingStream(self)

    def _draw(self, now: float) -> None:
        self._stream.write(CLEAR_LINE + self.status(now))
        self._stream.flush()
        self._drawn_at = now
        self._visible = True

    def _write_through(self, text: str) -> int:
        self.clear()
        return self._stream.write(text)

    def _flush_through(self) -> None:
        self._stream.flush()


class ClearingStream:
    """The part of a text stream that `logging` and `print` use, clearing the line first."""

    def __init__(self, progress: ProgressLine) -> None:
        self._progress = progress

    def write(self, text: str) -> int:
        return self._progress._write_through(text)

    def flush(self) -> None:
        self._progress._flush_through()


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
