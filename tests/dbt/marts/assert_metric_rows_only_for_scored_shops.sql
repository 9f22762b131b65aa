{#-
    SPEC §10: metric and dimension rows exist for scored shops only, and every scored shop has a
    row for each catalogued metric its scheme's metric models emit. Fails on each offending row.
-#}
with

scored as (

    select
        score_date,
        scheme,
        shop_id,
    from {{ ref('fct_shop_score_daily') }}
    where score_status = 'scored'
        and {{ built_rows_where('score_date') }}

),

metric_shops as (

    select distinct
        score_date,
        scheme,
        shop_id,
    from {{ ref('fct_shop_metric_daily') }}
    where {{ built_rows_where('score_date') }}

),

dimension_shops as (

    select distinct
        score_date,
        scheme,
        shop_id,
    from {{ ref('fct_shop_dimension_score_daily') }}
    where {{ built_rows_where('score_date') }}

),

emitted_metrics as (

    -- Catalogued metrics each scheme emits.
    select distinct
        unioned.scheme,
        unioned.metric,
    from {{ ref('int_metric_values_unioned') }} as unioned
    inner join {{ ref('metric_catalogue') }} as catalogue
        on catalogue.scheme = unioned.scheme
        and catalogue.metric = unioned.metric

),

expected_metrics as (

    -- Every scored shop of a scheme, with each metric that scheme emits.
    select
        scored.score_date,
        scored.scheme,
        scored.shop_id,
        emitted_metrics.metric,
    from scored
    inner join emitted_metrics
        on emitted_metrics.scheme = scored.scheme

),

metric_rows as (

    select
        score_date,
        scheme,
        shop_id,
        metric,
    from {{ ref('fct_shop_metric_daily') }}
    where {{ built_rows_where('score_date') }}

),

unscored_metric_shops as (

    select * from metric_shops
    except
    select * from scored

),

unscored_dimension_shops as (

    select * from dimension_shops
    except
    select * from scored

),

missing_metrics as (

    select * from expected_metrics
    except
    select * from metric_rows

),

final as (

    select
        'metric row for unscored shop' as problem,
        score_date,
        scheme,
        shop_id,
        null as metric,
    from unscored_metric_shops

    union all

    select
        'dimension row for unscored shop' as problem,
        score_date,
        scheme,
        shop_id,
        null as metric,
    from unscored_dimension_shops

    union all

    select
        'missing metric row' as problem,
        score_date,
        scheme,
        shop_id,
        metric,
    from missing_metrics

)

select * from final
