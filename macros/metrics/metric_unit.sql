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
