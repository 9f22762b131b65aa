{#-
    The metric rows of one metric family, or of a list of families (DESIGN: metric rows), from its
    units: every shop with volume > 0 on D (int_<scheme>__shop_volumes_counted) x the families'
    metrics (seed metric_catalogue), their units added up by the engine (metric_unit_windows), cast
    once, with value = numerator / denominator (NULL when 0) and ranking_* equal to them, or, with
    recency_weighted, the engine's recency-weighted sums (half-life: the catalogue's half_life_days).
    anchored: the units carry window_date (and counts_from_date, counts_until_date) and each metric's
    window comes from the catalogue (macro metric_unit_ranges); otherwise they carry their ranges
    (valid_from_date, valid_to_date), e.g. islands already windowed.
-#}
{% macro metric_family_values(scheme, family, units, denominator='units', anchored=false, recency_weighted=false) -%}
    {{ return(adapter.dispatch('metric_family_values')(scheme, family, units, denominator, anchored, recency_weighted)) }}
{%- endmacro %}

{% macro default__metric_family_values(scheme, family, units, denominator='units', anchored=false, recency_weighted=false) -%}
    {%- set families = [family] if family is string else family -%}
    {%- if recency_weighted and not anchored -%}
        {{ exceptions.raise_compiler_error("metric_family_values: recency_weighted needs anchored units (their window_date weighs them).") }}
    {%- endif -%}
    {%- if recency_weighted and denominator == 'volume' -%}
        {{ exceptions.raise_compiler_error("metric_family_values: recency_weighted needs denominator='units'.") }}
    {%- endif -%}
    {%- if denominator not in ['units', 'volume'] -%}
        {{ exceptions.raise_compiler_error(
            "metric_family_values: denominator must be 'units' or 'volume', got '" ~ denominator ~ "'."
        ) }}
    {%- endif -%}
    {%- set half_life_rule = "have a half_life_days (its model is recency-weighted)" if recency_weighted
        else "leave half_life_days empty (its model ranks plain values)" -%}
    with

    family_metrics as (

        select
            scheme,
            metric,
            window_start_days,
            window_end_days,
            -- The catalogue's half-life must match the model: set for a recency-weighted model's
            -- metrics, empty for the others (a silent mismatch would rank the wrong values).
            case
                when (half_life_days is null) = {{ 'true' if recency_weighted else 'false' }}
                    then cast({{ raise_sql_error(
                        "'seed metric_catalogue: ' || scheme || ' ' || metric || ' must " ~ half_life_rule ~ "'"
                    ) }} as double)
                else half_life_days
            end as half_life_days,
        from {{ ref('metric_catalogue') }}
        where scheme = '{{ scheme }}'
            {%- if families | length == 1 %}
            and family = '{{ families[0] }}'
            {%- else %}
            and family in ('{{ families | join("', '") }}')
            {%- endif %}

    ),

    volumes as (

        select * from {{ ref('int_' ~ scheme ~ '__shop_volumes_counted') }}
        where volume > 0

    ),

    {%- if anchored %}

    ranged_units as (

        {{ metric_unit_ranges(units, 'family_metrics') }}

    ),
    {%- set units = 'ranged_units' -%}
    {%- endif %}

    family_units as (

        select
            family_metrics.scheme,
            {{ units }}.metric,
            {{ units }}.shop_id,
            {{ units }}.valid_from_date,
            {{ units }}.valid_to_date,
            {{ units }}.numerator,
            {{ units }}.denominator,
            {%- if recency_weighted %}
            {{ units }}.weight_date,
            family_metrics.half_life_days,
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
            {%- if recency_weighted %}
            family_metrics.half_life_days,
            {%- endif %}
        from volumes
        inner join family_metrics
            on family_metrics.scheme = volumes.scheme

    ),

    windowed as (

        {{ metric_unit_windows('family_units', 'population', recency_weighted) }}

    ),

    counted as (

        select
            score_date,
            scheme,
            shop_id,
            metric,
            cast(unit_numerator as double) as numerator,
            cast({{ 'volume' if denominator == 'volume' else 'unit_denominator' }} as double) as denominator,
            {%- if recency_weighted %}
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
            {%- if recency_weighted %}
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
