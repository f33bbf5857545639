"""Every table, imported once so metadata (and Alembic) sees them all."""

from auth.models import AuthEpoch, LoginFailure, RevokedToken, User  # noqa: F401
from cadastros.clientes import Cliente  # noqa: F401
from cadastros.designers import Designer  # noqa: F401
from cadastros.materiais import Material  # noqa: F401
from cadastros.tipos_envios import TipoEnvio  # noqa: F401
from cadastros.tipos_pagamentos import TipoPagamento  # noqa: F401
from cadastros.vendedores import Vendedor  # noqa: F401
from fichas.models import Ficha, FichaTemplate  # noqa: F401
from maquinas.models import Machine, PrintLog  # noqa: F401
from materiais import indexes as _materiais_indexes  # noqa: F401
from materiais.models import MaterialResumo  # noqa: F401
from notificacoes.models import Notificacao, NotificacaoLeitura  # noqa: F401
from pedidos.orders import indexes as _pedidos_indexes  # noqa: F401
from pedidos.orders.models import OrderEvent, Pedido, PedidoHistorico, PedidoImagem, PedidoItem  # noqa: F401
from pedidos.reposicoes.models import Reposicao  # noqa: F401
from producoes.models import Producao  # noqa: F401
from relatorios.models import RelatorioTemplate  # noqa: F401
