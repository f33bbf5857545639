"""Product types as a lookup table."""

from cadastros.crud import CrudSpec
from producoes.models import Producao, ProducaoCreate, ProducaoPublic, ProducaoUpdate

spec = CrudSpec(
    table="producoes",
    model=Producao,
    create_schema=ProducaoCreate,
    update_schema=ProducaoUpdate,
    public_schema=ProducaoPublic,
    prefix="/producoes",
    label="produção",
    plural="produções",
    feminine=True,
    name_field="name",
    key_field="name_key",
    active_field="active",
    has_ativos=True,
)
