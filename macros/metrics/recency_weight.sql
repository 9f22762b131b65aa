{#-
    SPEC §5's recency weight 0.5 ^ ((as_of - d) / h) of something dated d seen from as_of (D-1 for a
    score date D), h = half_life_days: the one place the formula is written (the metric engine,
    metric_unit_windows, uses it for both factors of the weight).
-#}
{% macro recency_weight(as_of_date, event_date, half_life_days) -%}
    power(0.5, cast({{ days_between(event_date, as_of_date) }} as double) / {{ half_life_days }})
{%- endmacro %}
