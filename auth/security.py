"""Password hashing and JWT: bcrypt, HS256 pinned, a jti on every token."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import bcrypt
from jose import JWTError, jwt

from config import settings
from database.base import utcnow

BCRYPT_MAX_BYTES = 72
MIN_PASSWORD_LENGTH = 8
# Verified when the user does not exist, so both failures cost the same time.
_DUMMY_HASH = bcrypt.hashpw(b"sgp-dummy-password", bcrypt.gensalt(settings.BCRYPT_ROUNDS))


def password_problem(password: str) -> str | None:
    """Why a new password is refused, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Senha deve ter ao menos {MIN_PASSWORD_LENGTH} caracteres"
    if len(password.encode("utf-8")) > BCRYPT_MAX_BYTES:
        return f"Senha deve ter no máximo {BCRYPT_MAX_BYTES} bytes"
    return None


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(settings.BCRYPT_ROUNDS)).decode()


def verify_password(password: str, hashed: str | None) -> bool:
    """Constant-ish time check; passwords bcrypt cannot take are simply wrong."""
    encoded = password.encode("utf-8")
    if len(encoded) > BCRYPT_MAX_BYTES:
        encoded = encoded[:BCRYPT_MAX_BYTES]
        hashed = None  # still spend the bcrypt time, never accept
    target = hashed.encode() if hashed and hashed.startswith("$2") else _DUMMY_HASH
    try:
        ok = bcrypt.checkpw(encoded, target)
    except ValueError:
        return False
    return ok and target is not _DUMMY_HASH


@dataclass(frozen=True)
class TokenClaims:
    username: str
    user_id: int
    jti: str
    expires_at: datetime
    # Microsecond precision (a JWT NumericDate may be fractional): a token issued just after a
    # password change, in the same second, must still pass the cut-off (auth.service).
    issued_at: datetime | None = None


def create_access_token(*, username: str, user_id: int) -> tuple[str, TokenClaims]:
    now = utcnow()
    expires_at = now + timedelta(minutes=settings.ACCESS_TOKEN_EXPIRE_MINUTES)
    jti = secrets.token_hex(16)
    payload = {
        "sub": username,
        "user_id": user_id,
        "jti": jti,
        "iat": (now - datetime(1970, 1, 1)).total_seconds(),
        "exp": int((expires_at - datetime(1970, 1, 1)).total_seconds()),
    }
    token = jwt.encode(payload, settings.SECRET_KEY, algorithm="HS256")
    return token, TokenClaims(username, user_id, jti, expires_at, now)


# Verified claims per (secret, token): checking a signature is pure CPU and its answer never
# changes, so each worker verifies a token once. Expiry is checked on every use; revocation and
# is_active are read from the database on every request (auth.service.user_for_token).
_VERIFIED_MAX = 10_000
_verified: dict[tuple[str, str], TokenClaims] = {}


def decode_access_token(token: str) -> TokenClaims | None:
    """Claims of a valid, unexpired HS256 token, or None for anything else (expired, tampered, alg=none)."""
    key = (settings.SECRET_KEY, token)
    claims = _verified.get(key)
    if claims is None:
        claims = _verify(token)
        if claims is None:
            return None
        if len(_verified) >= _VERIFIED_MAX:
            _verified.clear()  # crude bound: tokens are few; a flood of valid ones just re-verifies
        _verified[key] = claims
    if utcnow() >= claims.expires_at:
        return None
    return claims


def _verify(token: str) -> TokenClaims | None:
    try:
        header = jwt.get_unverified_header(token)
        if header.get("alg") != "HS256":
            return None
        payload = jwt.decode(token, settings.SECRET_KEY, algorithms=["HS256"])
        user_id = int(payload["user_id"])
        expires_at = datetime(1970, 1, 1) + timedelta(seconds=int(payload["exp"]))
        issued_at = datetime(1970, 1, 1) + timedelta(seconds=float(payload["iat"])) if "iat" in payload else None
        return TokenClaims(str(payload["sub"]), user_id, str(payload["jti"]), expires_at, issued_at)
    except (JWTError, KeyError, TypeError, ValueError):
        return None
