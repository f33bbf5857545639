"""Machines as a lookup table (the shared `Machine` model); dashboard and logs live in router.py."""

from cadastros.crud import ENGLISH_COLUMNS, CrudSpec
from maquinas.models import Machine
from maquinas.schemas import MachineCreate, MachinePublic, MachineUpdate

spec = CrudSpec(
    table="maquinas",
    model=Machine,
    create_schema=MachineCreate,
    update_schema=MachineUpdate,
    public_schema=MachinePublic,
    prefix="/maquinas",
    label="máquina",
    tag="Máquinas",
    feminine=True,
    **ENGLISH_COLUMNS,
    has_ativos=True,
)
