{#-
    The metric rows of one metric family (DESIGN: metric rows), from its units: every shop with
    volume > 0 on D (int_<scheme>__shop_volumes_counted) x the family's metrics (seed
    metric_catalogue), their units added up by the engine (metric_unit_windows), cast once, with
    value = numerator / denominator (NULL when 0) and ranking_* equal to them.
-#}
{% macro metric_family_values(scheme, family, units, denominator='units') -%}
    {{ return(adapter.dispatch('metric_family_values')(scheme, family, units, denominator)) }}
{%- endmacro %}

{% macro default__metric_family_values(scheme, family, units, denominator='units') -%}
    {%- if denominator not in ['units', 'volume'] -%}
        {{ exceptions.raise_compiler_error(
            "metric_family_values: denominator must be 'units' or 'volume', got '" ~ denominator ~ "'."
        ) }}
    {%- endif -%}
    with

    family_metrics as (

        select
            scheme,
            metric,
        from {{ ref('metric_catalogue') }}
        where scheme = '{{ scheme }}'
            and family = '{{ family }}'

    ),

    volumes as (

        select
            score_date,
            scheme,
            shop_id,
            volume,
        from {{ ref('int_' ~ scheme ~ '__shop_volumes_counted') }}
        where volume > 0

    ),

    family_units as (

        select
            family_metrics.scheme,
            {{ units }}.metric,
            {{ units }}.shop_id,
            {{ units }}.valid_from_date,
            {{ units }}.valid_to_date,
            {{ units }}.numerator,
            {{ units }}.denominator,
        from {{ units }}
        inner join family_metrics
            on family_metrics.metric = {{ units }}.metric

    ),

    population as (

        select
            volumes.score_date,
            volumes.scheme,
            volumes.shop_id,
            family_metrics.metric,
            volumes.volume,
        from volumes
        inner join family_metrics
            on family_metrics.scheme = volumes.scheme

    ),

    windowed as (

        {{ metric_unit_windows('family_units', 'population') }}

    ),

    counted as (

        select
            score_date,
            scheme,
            shop_id,
            metric,
            cast(unit_numerator as double) as numerator,
            cast({{ 'volume' if denominator == 'volume' else 'unit_denominator' }} as double) as denominator,
        from windowed

    ),

    final as (

        select
            score_date,
            scheme,
            shop_id,
            metric,
            numerator,
            denominator,
            numerator / nullif(denominator, 0) as value,
            numerator as ranking_numerator,
            denominator as ranking_denominator,
        from counted

    )

    select * from final
{%- endmacro %}
