{#-
    The metric rows of one metric family, or of a list of families (DESIGN: metric rows), from its
    units: every shop with volume > 0 on D (int_<scheme>__shop_volumes_counted) x the families'
    metrics (seed metric_catalogue), their units added up by the engine (metric_unit_windows), cast
    once, with value = numerator / denominator (NULL when 0) and ranking_* equal to them, or, with
    half_life_days, the engine's recency-weighted sums (the units then carry weight_date).
-#}
{% macro metric_family_values(scheme, family, units, denominator='units', half_life_days=none) -%}
    {{ return(adapter.dispatch('metric_family_values')(scheme, family, units, denominator, half_life_days)) }}
{%- endmacro %}

{% macro default__metric_family_values(scheme, family, units, denominator='units', half_life_days=none) -%}
    {%- set families = [family] if family is string else family -%}
    {%- if half_life_days is not none and denominator == 'volume' -%}
        {{ exceptions.raise_compiler_error("metric_family_values: half_life_days needs denominator='units'.") }}
    {%- endif -%}
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
            {%- if families | length == 1 %}
            and family = '{{ families[0] }}'
            {%- else %}
            and family in ('{{ families | join("', '") }}')
            {%- endif %}

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
            {%- if half_life_days is not none %}
            {{ units }}.weight_date,
            {%- endif %}
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

        {{ metric_unit_windows('family_units', 'population', half_life_days) }}

    ),

    counted as (

        select
            score_date,
            scheme,
            shop_id,
            metric,
            cast(unit_numerator as double) as numerator,
            cast({{ 'volume' if denominator == 'volume' else 'unit_denominator' }} as double) as denominator,
            {%- if half_life_days is not none %}
            cast(unit_ranking_numerator as double) as ranking_numerator,
            cast(unit_ranking_denominator as double) as ranking_denominator,
            {%- endif %}
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
            {%- if half_life_days is not none %}
            ranking_numerator,
            ranking_denominator,
            {%- else %}
            numerator as ranking_numerator,
            denominator as ranking_denominator,
            {%- endif %}
        from counted

    )

    select * from final
{%- endmacro %}
