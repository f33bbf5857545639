"""Every table, imported once so metadata (and Alembic) sees them all."""

from auth.models import LoginFailure, RevokedToken, User  # noqa: F401
from maquinas.models import Machine, PrintLog  # noqa: F401
from notificacoes.models import Notificacao, NotificacaoLeitura  # noqa: F401
from pedidos import indexes as _pedidos_indexes  # noqa: F401
from pedidos.models import OrderEvent, Pedido, PedidoHistorico, PedidoImagem, PedidoItem  # noqa: F401
from pedidos.reposicoes.models import Reposicao  # noqa: F401
