"""POST /safira/ask: the app's assistant."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from auth.dependencies import CurrentUser
from database.session import SessionDep
from safira import service

router = APIRouter(prefix="/safira", tags=["Sistema"])


class SafiraQuestion(BaseModel):
    question: str = Field(min_length=1, max_length=500)


class SafiraAnswer(BaseModel):
    recognized: bool
    intent: str
    answer: str
    meta: dict = {}


@router.post(
    "/ask",
    response_model=SafiraAnswer,
    summary="Perguntar à Safira",
    description="A assistente responde perguntas da operação (atrasados, pedidos de hoje...) com dados do banco.",
)
def ask(body: SafiraQuestion, session: SessionDep, _user: CurrentUser) -> dict:
    return service.ask(session, question=body.question)
