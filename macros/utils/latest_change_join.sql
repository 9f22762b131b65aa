{#-
    For each row of `row_relation`, the row of `changes` with the same keys and the latest change date on
    or before the row's date (columns NULL when there is none): a left join clause, written after
    `from <row_relation>`. `changes` must have one row per (keys, change date). Call it as
    `{{ latest_change_join(...) | indent(n) }}` with n the clause's own indentation: lines after the first
    are written 4 spaces in, the indent filter shifts them to the caller's.
    DuckDB: an ASOF left join. Spark (issue #12: no ASOF join outside a flag): each change carries the
    next change date of its keys (lead), the end of its validity, and the rows join on the keys plus
    change_date <= date < next change date: an equality join the planner hashes or sorts on the keys.
-#}
{% macro latest_change_join(changes, row_relation, keys, change_date, row_date) -%}
    {{ return(adapter.dispatch('latest_change_join')(changes, row_relation, keys, change_date, row_date)) }}
{%- endmacro %}


{% macro default__latest_change_join(changes, row_relation, keys, change_date, row_date) -%}
asof left join {{ changes }}
    on {% for key in keys %}{{ changes }}.{{ key }} = {{ row_relation }}.{{ key }}
    and {% endfor %}{{ changes }}.{{ change_date }} <= {{ row_relation }}.{{ row_date }}
{%- endmacro %}


{% macro spark__latest_change_join(changes, row_relation, keys, change_date, row_date) -%}
left join (
        select
            *,
            lead({{ change_date }}) over (partition by {{ keys | join(', ') }} order by {{ change_date }})
                as next_{{ change_date }},
        from {{ changes }}
    ) as {{ changes }}
    on {% for key in keys %}{{ changes }}.{{ key }} = {{ row_relation }}.{{ key }}
    and {% endfor %}{{ changes }}.{{ change_date }} <= {{ row_relation }}.{{ row_date }}
    and ({{ changes }}.next_{{ change_date }} is null or {{ row_relation }}.{{ row_date }} < {{ changes }}.next_{{ change_date }})
{%- endmacro %}
