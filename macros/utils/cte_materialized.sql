{#-
    The keyword, written between a CTE's `as` and its parenthesis, that decides whether DuckDB computes the
    CTE once and keeps it (materialized=true: `materialized`) or inlines it where the query names it
    (false: `not materialized`). Left to itself, DuckDB materialises every CTE named more than once, whole:
    in a base model, every raw row with its raw struct, held twice over (typed, then reasoned). On the
    1M-order generation base_platform__chat_messages_checked's SQL then peaked at 1.7 GB, against 0.6 GB
    inlined in the same CPU time (docs/DESIGN.md, staging): inlined, a second reader that needs a few
    columns reads only those. A small CTE read several times (the repeated keys) is better kept.
    Spark has no such keyword and inlines every CTE: nothing.
-#}
{% macro cte_materialized(materialized) -%}
    {{ return(adapter.dispatch('cte_materialized')(materialized)) }}
{%- endmacro %}


{% macro default__cte_materialized(materialized) -%}
    {{ 'materialized' if materialized else 'not materialized' }}
{%- endmacro %}


{% macro spark__cte_materialized(materialized) -%}
{%- endmacro %}
