"""Where the server listens, read from its command line (uvicorn's or Hypercorn's options).

Two uses: a weak SECRET_KEY is refused when the server is reachable beyond this machine, and the
first-start banner names the /docs address. serve.py checks before any worker starts; the app's
lifespan checks again with the process's own command line, which covers `uvicorn main:app ...`
and `hypercorn ...` started by hand (multiprocessing hands the parent's argv to each worker).
"""

from __future__ import annotations

import ipaddress
import os
import sys

from secret_key import DEFAULT_SECRET_KEY, MIN_SECRET_KEY_LENGTH, weak

LOCALHOST = "127.0.0.1"  # uvicorn's and Hypercorn's default


def addresses(argv: list[str]) -> list[tuple[str, int | None]]:
    """(host, port) of each address the options name; a Unix socket counts as localhost."""
    found: list[tuple[str, int | None]] = []
    port = None
    options = iter(argv)
    for argument in options:
        name, given, value = argument.partition("=")
        if not given and name in ("--host", "--port", "--bind", "-b", "--uds", "--fd"):
            value = next(options, "")
        if name == "--host":
            found.append((value, None))
        elif name == "--port" and value.isdigit():
            port = int(value)
        elif name in ("--bind", "-b"):
            found.append(_hypercorn_bind(value))
        elif name == "--uds":
            found.append(("localhost", None))
        elif name == "--fd":
            found.append(("", None))  # an inherited socket: where it listens is unknown, so not local
    if not found:
        found.append((os.environ.get("UVICORN_HOST") or LOCALHOST, None))
    port = port or _env_port()
    return [(host, given_port or port) for host, given_port in found]


def _hypercorn_bind(value: str) -> tuple[str, int | None]:
    if value.startswith("unix:"):
        return "localhost", None
    if value.startswith("fd://"):
        return "", None
    host, _colon, port = value.rpartition(":")
    if not host:  # "[::1]" without a port, or a bare host
        host, port = value, ""
    return host.strip("[]"), int(port) if port.isdigit() else None


def _env_port() -> int | None:
    value = os.environ.get("UVICORN_PORT", "")
    return int(value) if value.isdigit() else None


def is_local(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name, or unknown: assume reachable from outside


def beyond_localhost(argv: list[str]) -> bool:
    return any(not is_local(host) for host, _port in addresses(argv))


def weak_secret_problem(argv: list[str], secret_key: str) -> str | None:
    """One line saying why this start is refused, or None."""
    if not weak(secret_key) or not beyond_localhost(argv):
        return None
    hosts = ", ".join(host or "?" for host, _port in addresses(argv) if not is_local(host))
    what = f"'{DEFAULT_SECRET_KEY}'" if secret_key == DEFAULT_SECRET_KEY else f"com {len(secret_key)} caracteres"
    return (
        f"Configuração inválida: SECRET_KEY inseguro ({what}) para um servidor que escuta em {hosts}: "
        "apague SECRET_KEY do .env (uma chave aleatória é gerada em shared/secret_key) "
        f"ou use uma chave aleatória de pelo menos {MIN_SECRET_KEY_LENGTH} caracteres"
    )


def refuse_weak_secret(argv: list[str] | None = None) -> None:
    """Exit with the one-line reason when a weak key would sign tokens for a reachable server."""
    from config import settings

    problem = weak_secret_problem(sys.argv[1:] if argv is None else argv, settings.SECRET_KEY)
    if problem:
        print(problem, file=sys.stderr, flush=True)
        raise SystemExit(2)


def docs_url(argv: list[str] | None = None) -> str:
    """The /docs address as seen from this machine (0.0.0.0 is reached as localhost)."""
    from config import settings

    host, port = addresses(sys.argv[1:] if argv is None else argv)[0]
    if not host or host in ("0.0.0.0", "::") or is_local(host):
        host = "localhost"
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port or settings.PORT}/docs"
