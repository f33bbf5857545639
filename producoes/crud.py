"""Product types as a lookup table."""

from cadastros.crud import ENGLISH_COLUMNS, CrudSpec
from cadastros.schemas import lookup_schemas
from producoes.models import Producao, ProducaoBase, ProducaoPublic

spec = CrudSpec(
    table="producoes",
    model=Producao,
    **lookup_schemas(ProducaoBase, Producao, public=ProducaoPublic),
    prefix="/producoes",
    label="produção",
    plural="produções",
    feminine=True,
    **ENGLISH_COLUMNS,
    has_ativos=True,
)
