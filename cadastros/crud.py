"""The one generic CRUD mechanism for lookup tables: a CrudSpec builds the service calls and the router.

Adding a lookup table is a Base and a table model, a CrudSpec (cadastros.schemas.lookup_schemas derives
its bodies from the Base) and one line in cadastros/registry.py.
"""

# No `from __future__ import annotations`: the router's handlers are closures whose annotations
# (the spec's schemas) must be real objects for FastAPI to read them.

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Response
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from auth.dependencies import CurrentUser
from cadastros import references
from database.pagination import MAX_SEARCH, PageDep, apply_page, count, with_total
from database.session import SessionDep
from database.types import search_key
from errors import Conflict, NotFound, Unprocessable

# Ids beyond a 32-bit integer column are refused up front (PostgreSQL would fail the query).
INT4_MAX = 2_147_483_647
RecordId = Annotated[int, Path(ge=1, le=INT4_MAX)]
# The column names of the lookup tables the original wrote in English (maquinas, producoes).
ENGLISH_COLUMNS = {"name_field": "name", "key_field": "name_key", "active_field": "active"}
DELETE_DESCRIPTION = "Exclui se nenhum pedido usa o registro; senão 409 dizendo onde (desative em vez de excluir)."


@dataclass(frozen=True)
class CrudSpec:
    table: str  # key in cadastros.references.REFERENCES
    model: type
    create_schema: type[BaseModel]
    update_schema: type[BaseModel]
    public_schema: type[BaseModel]
    prefix: str
    label: str  # "cliente", for messages
    feminine: bool = False
    plural: str = ""  # "vendedores" where label + "s" is wrong, for /docs
    tag: str = "Cadastros"  # the /docs group
    name_field: str = "nome"
    key_field: str = "nome_key"
    active_field: str | None = "ativo"
    has_ativos: bool = False
    delete_message: bool = False  # /clientes answers 200 {"message"} instead of 204
    aliases: tuple[str, ...] = ()

    def _o(self) -> str:
        return "a" if self.feminine else "o"

    @property
    def labels(self) -> str:
        return self.plural or f"{self.label}s"

    @property
    def not_found(self) -> str:
        return f"{self.label[:1].upper()}{self.label[1:]} não encontrad{self._o()}"

    @property
    def duplicate(self) -> str:
        return f"Já existe um{'a' if self.feminine else ''} {self.label} com este nome"

    def in_use(self, pedidos: int, numeros: list[str]) -> str:
        plural = "pedido" if pedidos == 1 else "pedidos"
        where = ", ".join(numeros) + (", ..." if pedidos > len(numeros) else "")
        return (
            f"{self.label[:1].upper()}{self.label[1:]} usad{self._o()} em {pedidos} {plural} ({where}); "
            f"desative-{self._o()} em vez de excluir"
        )

    def public(self, record: Any) -> BaseModel:
        # model_construct: the record holds stored values (cents), not input to be parsed again.
        fields = self.public_schema.model_fields
        return self.public_schema.model_construct(**{name: getattr(record, name) for name in fields})


# --- service ---------------------------------------------------------------------------------


def get(session: Session, spec: CrudSpec, record_id: int) -> Any:
    record = session.get(spec.model, record_id)
    if record is None:
        raise NotFound(spec.not_found)
    return record


def get_all(
    session: Session, spec: CrudSpec, *, q: str | None = None, ativo: bool | None = None, page=None
) -> tuple[list[Any], int]:
    """Records ordered by id, filtered by name (accent-insensitive) and active flag, with the total."""
    statement = select(spec.model)
    key = search_key(q)
    if key:
        statement = statement.where(getattr(spec.model, spec.key_field).contains(key, autoescape=True))
    if ativo is not None and spec.active_field:
        statement = statement.where(getattr(spec.model, spec.active_field) == ativo)
    total = count(session, statement)
    statement = statement.order_by(spec.model.id)
    if page is not None:
        statement = apply_page(statement, page)
    return list(session.execute(statement).scalars()), total


def _ensure_unique(session: Session, spec: CrudSpec, key: str, exclude_id: int | None) -> None:
    if not key:
        raise Unprocessable(f"Informe o nome d{spec._o()} {spec.label}")
    column = getattr(spec.model, spec.key_field)
    statement = select(spec.model.id).where(column == key)
    if exclude_id is not None:
        statement = statement.where(spec.model.id != exclude_id)
    if session.execute(statement.limit(1)).first() is not None:
        raise Conflict(spec.duplicate)


def _flush(session: Session, spec: CrudSpec) -> None:
    try:
        session.flush()
    except IntegrityError:
        # A concurrent request took the name between our check and the insert: the UNIQUE key decides.
        raise Conflict(spec.duplicate) from None


def _values(schema_obj: BaseModel, *, only_set: bool) -> dict[str, Any]:
    # getattr, not model_dump: dumping would serialise amounts (cents → reais).
    names = schema_obj.model_fields_set if only_set else type(schema_obj).model_fields
    return {name: getattr(schema_obj, name) for name in names}


def create(session: Session, spec: CrudSpec, data: BaseModel) -> Any:
    values = _values(data, only_set=False)
    name = " ".join(str(values[spec.name_field]).split())
    values[spec.name_field] = name
    _ensure_unique(session, spec, search_key(name), None)
    record = spec.model(**values, **{spec.key_field: search_key(name)})
    session.add(record)
    _flush(session, spec)
    return record


def update(session: Session, spec: CrudSpec, record: Any, data: BaseModel) -> Any:
    values = _values(data, only_set=True)
    # Only fields whose default is None may be cleared; the others are NOT NULL columns.
    nullable = {name for name, info in spec.create_schema.model_fields.items() if info.default is None}
    nulls = sorted(name for name, value in values.items() if value is None and name not in nullable)
    if nulls:
        raise Unprocessable(f"Campo obrigatório não pode ser nulo: {', '.join(nulls)}")
    if spec.name_field in values:
        name = " ".join(str(values[spec.name_field]).split())
        values[spec.name_field] = name
        _ensure_unique(session, spec, search_key(name), record.id)
        values[spec.key_field] = search_key(name)
    for name, value in values.items():
        setattr(record, name, value)
    session.add(record)
    _flush(session, spec)
    return record


def delete(session: Session, spec: CrudSpec, record: Any) -> None:
    """Delete a record no order uses; otherwise 409 telling how many orders use it."""
    used = references.usage_count(session, spec.table, record)
    if used:
        raise Conflict(spec.in_use(used, references.usage_examples(session, spec.table, record)))
    session.delete(record)
    session.flush()


# --- router ----------------------------------------------------------------------------------


def build_router(spec: CrudSpec, prefix: str | None = None) -> APIRouter:
    """GET list (+ /ativos), GET/PATCH/DELETE /{id} and POST for one spec, under prefix (or spec.prefix).

    Writes are open to any authenticated user: staff manage these tables daily, as in the app.
    """
    # Alias paths (the seed's module names) serve the same routes but stay out of the docs.
    router = APIRouter(prefix=prefix or spec.prefix, tags=[spec.tag], include_in_schema=prefix is None)

    # Authenticate before looking the record up, so an anonymous caller never learns which ids exist.
    def valid_record(record_id: RecordId, session: SessionDep, _user: CurrentUser) -> Any:
        return get(session, spec, record_id)

    Record = Annotated[Any, Depends(valid_record)]
    # Routes match in the order they are added: /ativos before /{record_id}.
    _add_reads(router, spec, Record)
    _add_writes(router, spec, Record)
    _add_delete(router, spec, Record)
    return router


# The handlers are closures over one spec, a few lines each; their annotations are the spec's schemas.


def _add_reads(router: APIRouter, spec: CrudSpec, Record: Any) -> None:
    """GET list, GET /ativos (when the spec has it) and GET /{id}."""
    public_schema = spec.public_schema

    @router.get(
        "",
        response_model=list[public_schema],
        summary=f"Listar {spec.labels}",
        description="Por id, com busca no nome (q) e filtro ativo; o total vem em X-Total-Count.",
    )
    def list_records(
        response: Response,
        session: SessionDep,
        _user: CurrentUser,
        page: PageDep,
        q: Annotated[str | None, Query(max_length=MAX_SEARCH, description="Busca no nome, sem acentos")] = None,
        ativo: bool | None = None,
    ):
        return [
            spec.public(record) for record in with_total(response, get_all(session, spec, q=q, ativo=ativo, page=page))
        ]

    if spec.has_ativos:

        @router.get(
            "/ativos",
            response_model=list[public_schema],
            summary=f"Listar {spec.labels} ativ{spec._o()}s",
            description=f"Só {spec._o()}s ativ{spec._o()}s, por id.",
        )
        def list_active(response: Response, session: SessionDep, _user: CurrentUser, page: PageDep):
            return [
                spec.public(record) for record in with_total(response, get_all(session, spec, ativo=True, page=page))
            ]

    @router.get(
        "/{record_id}",
        response_model=public_schema,
        summary=f"Obter {spec.label}",
        description=f"Um{'a' if spec.feminine else ''} {spec.label} pelo id.",
    )
    def read_record(record: Record, _user: CurrentUser):
        return spec.public(record)


def _add_writes(router: APIRouter, spec: CrudSpec, Record: Any) -> None:
    """POST and PATCH /{id}."""
    create_schema, update_schema, public_schema = spec.create_schema, spec.update_schema, spec.public_schema

    # 201 for every table: the original's /clientes answered 200, and the app takes any 2xx.
    @router.post(
        "",
        response_model=public_schema,
        status_code=201,
        summary=f"Criar {spec.label}",
        description="O nome é único, sem diferenciar maiúsculas nem acentos (409 se já existe).",
    )
    def create_record(body: create_schema, session: SessionDep, _user: CurrentUser):  # type: ignore[valid-type]
        return spec.public(create(session, spec, body))

    @router.patch(
        "/{record_id}",
        response_model=public_schema,
        summary=f"Atualizar {spec.label}",
        description="Altera só os campos enviados.",
    )
    def update_record(body: update_schema, record: Record, session: SessionDep, _user: CurrentUser):  # type: ignore[valid-type]
        return spec.public(update(session, spec, record, body))


def _add_delete(router: APIRouter, spec: CrudSpec, Record: Any) -> None:
    """DELETE /{id}: 204, or 200 with a message where the spec asks (/clientes)."""
    if spec.delete_message:

        @router.delete("/{record_id}", summary=f"Excluir {spec.label}", description=DELETE_DESCRIPTION)
        def delete_record(record: Record, session: SessionDep, _user: CurrentUser) -> dict[str, str]:
            delete(session, spec, record)
            return {"message": f"{spec.label[:1].upper()}{spec.label[1:]} excluíd{spec._o()} com sucesso"}

    else:

        @router.delete("/{record_id}", status_code=204, summary=f"Excluir {spec.label}", description=DELETE_DESCRIPTION)
        def delete_record(record: Record, session: SessionDep, _user: CurrentUser) -> Response:
            delete(session, spec, record)
            return Response(status_code=204)


def build_routers(spec: CrudSpec) -> list[APIRouter]:
    """The spec's router and one per alias path (e.g. /pagamentos for /tipos-pagamentos)."""
    return [build_router(spec)] + [build_router(spec, prefix=alias) for alias in spec.aliases]
