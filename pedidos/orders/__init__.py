"""The order itself: tables, API schemas, rules, use cases and the /pedidos routes."""
