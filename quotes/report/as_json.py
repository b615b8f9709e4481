"""The report as JSON."""

from __future__ import annotations

import json

from .records import Report


def render_json(report: Report, width: int) -> str:
    del width  # JSON has no layout.
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)
