{#-
    A date that the metrics only ever compare with "< D" (a pick-up, a refund, a review: "done before
    D") may be clamped into [first built score date - 1, last built score date] without changing any
    result: every earlier date is before every D, every later one before none. Aggregates grouped by
    such a date stay compact. NULL (no such event) stays NULL.
-#}
{% macro clamped_to_score_dates(column) -%}
    {{ return(adapter.dispatch('clamped_to_score_dates')(column)) }}
{%- endmacro %}

{% macro default__clamped_to_score_dates(column) -%}
    {%- set score_dates = ref('int_score_dates_listed') -%}
    case when {{ column }} is not null then greatest(
        least({{ column }}, (select max(score_date) from {{ score_dates }})),
        (select min(score_date) - 1 from {{ score_dates }})
    ) end
{%- endmacro %}
