"""Wire shapes: the app's template layout (camelCase, mm) and the fichas CRUD."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, field_validator

from database.types import Timestamp

TemplateType = Literal["geral", "resumo"]
TEMPLATE_TYPES: tuple[str, ...] = ("geral", "resumo")
# The HTML template paths: documented as an enum; another name is the original's 404, not a 422.
TemplateTypePath = Annotated[str, WithJsonSchema({"type": "string", "enum": list(TEMPLATE_TYPES)})]
DEFAULT_FONT_SIZE = 11.0


class TemplateField(BaseModel):
    """One positioned field; unknown keys are dropped as the original does."""

    model_config = ConfigDict(extra="ignore")

    id: str | int | None = None
    type: str = "text"
    label: str = ""
    key: str | None = None
    x: float = 0
    y: float = 0
    width: float = 50
    height: float = 10
    fontSize: float | None = DEFAULT_FONT_SIZE
    bold: bool = False
    visible: bool = True
    editable: bool = True
    imageUrl: str | None = None

    @field_validator("fontSize")
    @classmethod
    def _default_font_size(cls, value: float | None) -> float:
        return DEFAULT_FONT_SIZE if value is None or value <= 0 else value


class TemplateIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    title: str = ""
    width: float = Field(gt=0, le=2000)
    height: float = Field(gt=0, le=2000)
    marginTop: float = Field(default=0, ge=0)
    marginBottom: float = Field(default=0, ge=0)
    marginLeft: float = Field(default=0, ge=0)
    marginRight: float = Field(default=0, ge=0)
    fields: list[TemplateField] = Field(default_factory=list)


class TemplateOut(TemplateIn):
    templateType: TemplateType
    updatedAt: Timestamp | None = None


class TemplatesIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    geral: TemplateIn | None = None
    resumo: TemplateIn | None = None


class TemplatesOut(BaseModel):
    geral: TemplateOut
    resumo: TemplateOut


class HtmlTemplatesIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    geral: str | None = None
    resumo: str | None = None


class HtmlContent(BaseModel):
    html: str | None
    exists: bool


class FichaCreate(BaseModel):
    model_config = ConfigDict(extra="ignore")

    client_id: int | None = None
    nome: str = Field(min_length=1, max_length=255)
    descricao: str | None = None
    imagem_base64: str | None = None
    pedido_id: int | None = None
    item_index: int | None = Field(default=None, ge=0)


class FichaUpdate(BaseModel):
    model_config = ConfigDict(extra="ignore")

    client_id: int | None = None
    nome: str | None = Field(default=None, min_length=1, max_length=255)
    descricao: str | None = None
    # "" removes the image; a data URL or bare base64 replaces it.
    imagem_base64: str | None = None
    pedido_id: int | None = None
    item_index: int | None = Field(default=None, ge=0)


class FichaPublic(BaseModel):
    id: int
    client_id: int | None
    nome: str
    descricao: str | None
    imagem_path: str | None
    imagem_url: str | None
    pedido_id: int | None
    item_index: int | None
    data_criacao: Timestamp
    ultima_atualizacao: Timestamp
