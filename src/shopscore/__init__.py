"""shopscore: consumer service experience scores for e-commerce shops (dbt + DuckDB)."""

__version__ = "0.1.0"
