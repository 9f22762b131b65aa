{{ config(severity='warn') }}
{#-
    SPEC §10 wants rates in [0, 1], but the rates seed metric_bounds lists with may_exceed_one count
    units that are not a subset of their denominators' (complaints, disputes decided in a window over
    orders paid in it, SPEC §4-§6), so a small shop can exceed 1 by the letter of the SPEC: warn on
    each such published row, do not fail (assert_rates_within_bounds fails on every other rate).
-#}
with

metric_rows as (

    select * from {{ ref('fct_shop_metric_daily') }}
    where {{ built_rows_where('score_date') }}

),

metric_bounds as (

    select * from {{ ref('metric_bounds') }}

),

open_rates as (

    select metric_rows.*
    from metric_rows
    inner join metric_bounds
        on metric_rows.scheme = metric_bounds.scheme
        and metric_rows.metric = metric_bounds.metric
    where metric_bounds.may_exceed_one

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
    from open_rates
    where value > 1

)

select * from final
