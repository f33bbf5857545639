"""Realtime: the order event log, its dispatcher and wakers, and the WebSocket endpoint."""
