{#-
    A scheme's volume rows (DESIGN: one volume model per scheme over every listed shop): every shop
    listed on a built score date (int_shops_listed_daily: active and open on it), its volume units
    added up by the engine (metric_unit_windows), 0 when none count on D.
-#}
{% macro shop_volume_counts(scheme, units) -%}
    {{ return(adapter.dispatch('shop_volume_counts')(scheme, units)) }}
{%- endmacro %}

{% macro default__shop_volume_counts(scheme, units) -%}
    with

    listed_shops as (

        select
            score_date,
            shop_id,
        from {{ ref('int_shops_listed_daily') }}

    ),

    volume_units as (

        select
            '{{ scheme }}' as scheme,
            'volume' as metric,
            shop_id,
            valid_from_date,
            valid_to_date,
            numerator,
            0 as denominator,
        from {{ units }}

    ),

    population as (

        select
            score_date,
            '{{ scheme }}' as scheme,
            shop_id,
            'volume' as metric,
        from listed_shops

    ),

    windowed as (

        {{ metric_unit_windows('volume_units', 'population') }}

    ),

    final as (

        select
            score_date,
            scheme,
            shop_id,
            cast(unit_numerator as bigint) as volume,
        from windowed

    )

    select * from final
{%- endmacro %}
