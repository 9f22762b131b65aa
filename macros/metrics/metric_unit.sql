{#-
    The select list of one kind of anchored metric unit (DESIGN: metric units), so a units model
    writes only what is specific to it: the metric, the date that puts the unit in its window, its
    own limits (NULL = none) and its numerator and denominator contributions. The columns and their
    order are the ones metric_unit_ranges reads.
-#}
{% macro metric_unit(metric, window_date, numerator, denominator, counts_from='null', counts_until='null', shop_id='shop_id') -%}
    {{ return(adapter.dispatch('metric_unit')(metric, window_date, numerator, denominator, counts_from, counts_until, shop_id)) }}
{%- endmacro %}

{% macro default__metric_unit(metric, window_date, numerator, denominator, counts_from='null', counts_until='null', shop_id='shop_id') -%}
        '{{ metric }}' as metric,
        {{ shop_id }} as shop_id,
        {{ window_date }} as window_date,
        cast({{ counts_from }} as date) as counts_from_date,
        cast({{ counts_until }} as date) as counts_until_date,
        {{ numerator }} as numerator,
        {{ denominator }} as denominator,
{%- endmacro %}

{#-
    The units of a pass/fail rate (SPEC §4's rates of events that pass): each row of a relation is an
    event that counts in the denominator while its window_date is in D's window and, once it passes,
    in the numerator too, from passes_from on (the first D whose data, < D, shows it passing; NULL =
    never passes). Two union-all'ed selects of metric_unit; use it as a units CTE body.
-#}
{% macro metric_rate_units(metric, relation, window_date, passes_from) -%}
    {{ return(adapter.dispatch('metric_rate_units')(metric, relation, window_date, passes_from)) }}
{%- endmacro %}

{% macro default__metric_rate_units(metric, relation, window_date, passes_from) -%}
    select {{ metric_unit(metric, window_date, 0, 1) }}
    from {{ relation }}
    union all
    select {{ metric_unit(metric, window_date, 1, 0, counts_from=passes_from) }}
    from {{ relation }}
    where {{ passes_from }} is not null
{%- endmacro %}
