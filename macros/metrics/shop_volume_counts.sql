{#-
    A scheme's volume rows (DESIGN: one volume model per scheme over every listed shop): every shop
    listed on a built score date (int_shops_listed_daily: active and open on it), its volume units
    added up by the engine (metric_unit_windows), 0 when none count on D. A unit (shop_id,
    window_date, numerator) counts on D in [window_date + 1, window_date + volume_window_days] (seed
    scheme_settings; macro metric_unit_ranges).
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

    volume_window as (

        {{ metric_windows(scheme) }}

    ),

    volume_units as (

        select
            '{{ scheme }}' as scheme,
            {{ metric_unit('volume', 'window_date', 'numerator', 0) }}
        from {{ units }}

    ),

    ranged_units as (

        {{ metric_unit_ranges('volume_units', 'volume_window') }}

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

        {{ metric_unit_windows('ranged_units', 'population') }}

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
