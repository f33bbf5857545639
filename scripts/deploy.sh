#!/usr/bin/env bash
# Installs SGP on Linux as a systemd service running the server (python -m serve) with N workers.
# Thin wrapper: every step is done by `python3 -m scripts.release` (shared folders, .env with a
# generated SECRET_KEY, releases/vX.Y.Z with venv and dependencies, migrations, the systemd unit
# from scripts/sgp.service.template, start, /health check, rollback when it fails).
set -euo pipefail

usage() {
  cat <<USAGE
Uso: scripts/deploy.sh [--root DIR] [--port N] [--workers N] [--service NOME] [--create-env] [--source DIR|ZIP]
  --root DIR       pasta da instalação (shared/ e releases/), padrão /opt/sgp
  --port N         porta da API, padrão 8000
  --workers N      workers do servidor, padrão 4
  --service NOME   nome da unidade systemd, padrão sgp
  --user NOME      usuário que roda o serviço (dono de shared/), padrão \$SUDO_USER ou o atual
  --create-env     cria ROOT/.env com um SECRET_KEY novo (um .env existente é mantido)
  --source DIR|ZIP release a instalar, padrão a pasta deste projeto
USAGE
}

ROOT=/opt/sgp PORT=8000 WORKERS=4 SERVICE=sgp CREATE_ENV="" SERVICE_USER="${SUDO_USER:-$(id -un)}"
SOURCE="$(cd "$(dirname "$0")/.." && pwd)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --root) ROOT="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --workers) WORKERS="$2"; shift 2 ;;
    --service) SERVICE="$2"; shift 2 ;;
    --user) SERVICE_USER="$2"; shift 2 ;;
    --source) SOURCE="$2"; shift 2 ;;
    --create-env) CREATE_ENV="--create-env"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "Opção desconhecida: $1" >&2; usage >&2; exit 2 ;;
  esac
done

PYTHON="$(command -v python3 || true)"
if [[ -z "$PYTHON" ]] || ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "ERRO: Python 3.11+ não encontrado (apt-get install python3 python3-venv)" >&2
  exit 1
fi
command -v systemctl >/dev/null || { echo "ERRO: systemd (systemctl) não encontrado" >&2; exit 1; }

SOURCE="$(realpath -m "$SOURCE")" ROOT="$(realpath -m "$ROOT")"
cd "$(dirname "$0")/.."
"$PYTHON" -m scripts.release --root "$ROOT" init --port "$PORT" --workers "$WORKERS" $CREATE_ENV
"$PYTHON" -m scripts.release --root "$ROOT" deploy --source "$SOURCE" --service "$SERVICE" \
  --port "$PORT" --workers "$WORKERS" --register-service systemd --user "$SERVICE_USER"
echo "SGP instalado: unidade $SERVICE em http://localhost:$PORT (logs em $ROOT/shared/logs)"
