{#-
    SPEC §10: a `*_rate` metric is in [0, 1] with numerator <= denominator, unless seed metric_bounds
    lists it with may_exceed_one (then assert_open_rates_at_most_one warns instead). Fails on each
    published metric row that breaks its bound. The same seed drives `shopscore check` (quality.py).
-#}
with

metric_rows as (

    select * from {{ ref('fct_shop_metric_daily') }}
    where {{ built_rows_where('score_date') }}

),

metric_bounds as (

    select * from {{ ref('metric_bounds') }}

),

bounded_rates as (

    select metric_rows.*
    from metric_rows
    left join metric_bounds
        on metric_rows.scheme = metric_bounds.scheme
        and metric_rows.metric = metric_bounds.metric
    where metric_rows.metric like '%\_rate' escape '\'
        and not coalesce(metric_bounds.may_exceed_one, false)

),

final as (

    select
        score_date,
        scheme,
        shop_id,
        metric,
        numerator,
        denominator,
        value,
    from bounded_rates
    where value < 0
        or value > 1
        or numerator > denominator

)

select * from final
