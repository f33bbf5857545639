# SGP API: `sgp migrate`, then `sgp serve` on port 8000 with $WORKERS workers, as a non-root user.
# Runtime data (SQLite database, media, logs, backups) lives in the /app/shared volume.
# With PostgreSQL: compose.yaml (README: Docker).
FROM python:3.11-slim-trixie

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    API_ROOT=/app \
    ENVIRONMENT=production \
    PORT=8000 \
    WORKERS=2

# pg_dump and pg_restore, for `sgp backup` / `sgp restore` against PostgreSQL (17 on trixie, as compose's server).
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt ./
# The runtime half of the pinned list (above its "# Tests" line): what pyproject.toml's dependencies name.
RUN sed '/^# Tests/,$d' requirements.txt > /tmp/runtime.txt \
 && pip install -r /tmp/runtime.txt \
 && rm /tmp/runtime.txt

COPY . .
# The sgp command, over this folder (the project runs from it: API_ROOT, alembic.ini).
RUN pip install --no-deps -e . \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin sgp \
 && mkdir -p shared/db shared/media shared/logs shared/backups \
 && chown -R sgp:sgp shared

USER sgp
VOLUME ["/app/shared"]
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ['PORT'] + '/health', timeout=4)"]
CMD ["sh", "-c", "sgp migrate && exec sgp serve --host 0.0.0.0 --port \"$PORT\" --workers \"$WORKERS\""]
