{#-
    SPEC §5's recency weight 0.5 ^ ((as_of - d) / h) of something dated d seen from as_of (D-1 for a
    score date D), h = half_life_days: the one place the formula is written (the metric engine,
    metric_unit_windows, uses it for both factors of the weight).
-#}
{% macro recency_weight(as_of_date, event_date, half_life_days) -%}
    {{ return(adapter.dispatch('recency_weight')(as_of_date, event_date, half_life_days)) }}
{%- endmacro %}

{% macro default__recency_weight(as_of_date, event_date, half_life_days) -%}
    power(0.5, cast({{ as_of_date }} - {{ event_date }} as double) / {{ half_life_days }})
{%- endmacro %}
