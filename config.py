"""Application settings: one class, read from the environment and `.env`."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from secret_key import MIN_SECRET_KEY_LENGTH, SecretKeyError, stored, weak

PROJECT_DIR = Path(__file__).resolve().parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    APP_NAME: str = "SGP - Sistema de Gestão de Produção"
    VERSION: str = "2.0.0"
    ENVIRONMENT: str = "development"

    API_ROOT: Path = PROJECT_DIR
    DATABASE_URL: str = "sqlite:///db/banco.db"
    MEDIA_ROOT: Path = Path("media")
    # Where media lives: "local" (MEDIA_ROOT) or "s3" (an S3-compatible bucket, for several servers).
    MEDIA_STORAGE: str = "local"
    S3_ENDPOINT_URL: str | None = None
    S3_BUCKET: str = ""
    S3_ACCESS_KEY_ID: str | None = None
    S3_SECRET_ACCESS_KEY: str | None = None
    S3_REGION: str = "us-east-1"
    LOG_DIR: Path = Path("logs")
    BACKUP_DIR: Path = Path("backups")
    LOG_LEVEL: str = "INFO"

    # Empty: a random key generated on first start into shared/secret_key (mode 600) and reused.
    SECRET_KEY: str = Field(default="", repr=False)
    SECRET_KEY_FILE: Path = Path("secret_key")
    JWT_ALGORITHM: str = "HS256"
    ACCESS_TOKEN_EXPIRE_MINUTES: int = 60 * 24 * 8
    BCRYPT_ROUNDS: int = 12
    FIRST_ADMIN_PASSWORD: str | None = Field(default=None, repr=False)
    # The port the first-start banner's /docs address names (release setup writes it into .env).
    PORT: int = 8000

    # GET /metrics for a Prometheus scraper: `Authorization: Bearer <METRICS_TOKEN>` (admins too).
    METRICS_TOKEN: str = Field(default="", repr=False)
    # GET /health/ready fails below this much free disk where the database and media are kept.
    READY_MIN_FREE_DISK_MB: int = 512

    LOGIN_MAX_FAILURES: int = 5
    LOGIN_FAILURE_WINDOW_SECONDS: int = 15 * 60

    BACKEND_CORS_ORIGINS: str = ""
    MAX_IMAGE_SIZE_MB: int = 10
    # Whole request bodies (JSON with data-URL images included); larger ones are refused unread.
    MAX_REQUEST_BODY_MB: int = 64
    MAX_IMAGE_PIXELS: int = 60_000_000
    # Orders consume their fabrics' stock (materiais.estoque_metros); off by default, as the original.
    MATERIAL_STOCK_AUTO_DEDUCTION: bool = False

    SQLITE_BUSY_TIMEOUT_MS: int = 30_000
    SQLITE_CHECKPOINT_INTERVAL_S: float = 0.5
    EVENT_RETENTION_HOURS: int = 72
    # Realtime (/ws/orders): small values in tests keep the suite quick.
    WS_PING_INTERVAL_SECONDS: float = 30
    WS_IDLE_TIMEOUT_SECONDS: float = 90
    WS_SEND_QUEUE_SIZE: int = 1000
    EVENT_POLL_INTERVAL_MS: int = 50
    EVENT_FALLBACK_POLL_SECONDS: float = 1.0
    EVENT_PRUNE_INTERVAL_SECONDS: float = 600

    @field_validator("ENVIRONMENT")
    @classmethod
    def _lower(cls, value: str) -> str:
        return value.strip().lower()

    @field_validator("JWT_ALGORITHM")
    @classmethod
    def _pinned_algorithm(cls, value: str) -> str:
        # Only HS256 is accepted: other algorithms open key-confusion attacks.
        if value != "HS256":
            raise ValueError("JWT_ALGORITHM deve ser HS256")
        return value

    @field_validator("MEDIA_STORAGE")
    @classmethod
    def _known_storage(cls, value: str) -> str:
        value = value.strip().lower()
        if value not in ("local", "s3"):
            raise ValueError(f"MEDIA_STORAGE deve ser local ou s3, não {value!r}")
        return value

    @field_validator("METRICS_TOKEN")
    @classmethod
    def _strong_metrics_token(cls, value: str) -> str:
        value = value.strip()
        if value and len(value) < MIN_SECRET_KEY_LENGTH:
            raise ValueError(f"METRICS_TOKEN deve ter pelo menos {MIN_SECRET_KEY_LENGTH} caracteres (ou ficar vazio)")
        return value

    @model_validator(mode="after")
    def _s3_needs_a_bucket(self) -> Settings:
        if self.MEDIA_STORAGE == "s3" and not self.S3_BUCKET.strip():
            raise ValueError("S3_BUCKET é obrigatório com MEDIA_STORAGE=s3")
        return self

    @model_validator(mode="after")
    def _stored_secret_when_unset(self) -> Settings:
        if not self.SECRET_KEY.strip():
            try:
                self.SECRET_KEY = stored(self.secret_key_file)
            except SecretKeyError as exc:
                raise ValueError(str(exc)) from None
        return self

    @model_validator(mode="after")
    def _refuse_weak_secret_in_production(self) -> Settings:
        # Elsewhere a weak key is refused when the server listens beyond localhost (listen.py).
        if self.ENVIRONMENT == "production" and weak(self.SECRET_KEY):
            raise ValueError(
                "SECRET_KEY inseguro em produção: apague-o do .env (uma chave é gerada em shared/secret_key) "
                f"ou defina uma chave aleatória com pelo menos {MIN_SECRET_KEY_LENGTH} caracteres"
            )
        return self

    @property
    def shared_dir(self) -> Path:
        return Path(self.API_ROOT) / "shared"

    def resolve(self, path: Path) -> Path:
        """Relative paths live under API_ROOT/shared/."""
        path = Path(path)
        return path if path.is_absolute() else self.shared_dir / path

    @cached_property
    def database_url(self) -> str:
        url = self.DATABASE_URL
        prefix = "sqlite:///"
        if url.startswith(prefix) and not url.startswith(prefix + "/") and ":memory:" not in url:
            url = prefix + str(self.resolve(Path(url[len(prefix) :])))
        if url.startswith("postgresql://") or url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        return url

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def secret_key_file(self) -> Path:
        return self.resolve(self.SECRET_KEY_FILE)

    @property
    def media_root(self) -> Path:
        return self.resolve(self.MEDIA_ROOT)

    @property
    def log_dir(self) -> Path:
        return self.resolve(self.LOG_DIR)

    @property
    def backup_dir(self) -> Path:
        return self.resolve(self.BACKUP_DIR)

    @property
    def max_image_bytes(self) -> int:
        return self.MAX_IMAGE_SIZE_MB * 1024 * 1024

    @property
    def cors_origins(self) -> list[str]:
        return [o.strip() for o in self.BACKEND_CORS_ORIGINS.split(",") if o.strip()]

    # Reports (relatorios/): the shop's name at the top of every PDF page.
    NOME_EMPRESA: str = "SGP - Sistema de Gestão de Produção"


def load_settings() -> Settings:
    """Build settings, turning a validation failure into a one-line reason."""
    from pydantic import ValidationError

    try:
        return Settings()
    except ValidationError as exc:
        reasons = "; ".join(str(err["msg"]).removeprefix("Value error, ") for err in exc.errors())
        raise SystemExit(f"Configuração inválida: {reasons}") from None


settings = load_settings()
