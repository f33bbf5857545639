"""The start-up check: an object store that does not answer stops a production server in one line."""

from __future__ import annotations

import logging
import sys

logger = logging.getLogger("sgp.storage")


def refuse_unreachable_storage() -> None:
    """Exit (production) or warn (elsewhere) when the media backend does not answer."""
    from config import settings
    from storage import check

    problem = check()
    if problem is None:
        return
    if settings.ENVIRONMENT == "production":
        print(f"SGP não iniciado: {problem}", file=sys.stderr, flush=True)
        raise SystemExit(1)
    logger.warning("%s", problem)
