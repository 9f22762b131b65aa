"""The shopscore dashboard: a Streamlit app over the published DuckDB file, opened read-only per query."""
