{#-
    A scheme's volume rows (DESIGN: one volume model per scheme over every active shop): every active
    shop x every built score date, its volume units added up by the engine (metric_unit_windows), 0 when
    none count on D.
-#}
{% macro shop_volume_counts(scheme, units) -%}
    {{ return(adapter.dispatch('shop_volume_counts')(scheme, units)) }}
{%- endmacro %}

{% macro default__shop_volume_counts(scheme, units) -%}
    with

    shops as (

        select shop_id
        from {{ ref('stg_platform__shops') }}
        where shop_status = 'active'

    ),

    score_dates as (

        select score_date
        from {{ ref('int_score_dates_listed') }}

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
            score_dates.score_date,
            '{{ scheme }}' as scheme,
            shops.shop_id,
            'volume' as metric,
        from shops
        cross join score_dates

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
