{#-
    Grain: one row per (score_date, shop_id, metric) for tmall shops with volume > 0 (SPEC §6), over
    consulting units (shop, buyer, local date in [D-30, D-1]) with any buyer message:
    - wangwang_reply_rate: units whose first buyer message is followed (at or after it) by an agent
      message on the same local date — a reply after midnight does not count / units;
    - manual_response_seconds: mean, over replied units, of seconds from the first buyer message to
      that first agent message.
    Units come from the shared int_chat_consulting_units_answered, summed once per shop and date.
    Tmall ranks the plain value: ranking_* equal numerator / denominator.
-#}
with

score_dates as (

    select score_date from {{ ref('int_score_dates_listed') }}

),

volumes as (

    select
        score_date,
        shop_id,
    from {{ ref('int_tmall__shop_volumes_counted') }}
    where volume > 0

),

consulting_units as (

    select
        shop_id,
        consult_date,
        first_reply_seconds,
    from {{ ref('int_chat_consulting_units_answered') }}

),

unit_days as (

    select
        shop_id,
        consult_date,
        count(*) as unit_count,
        count(first_reply_seconds) as replied_count,
        coalesce(sum(first_reply_seconds), 0) as reply_seconds_sum,
    from consulting_units
    group by
        shop_id,
        consult_date

),

shop_sums as (

    select
        score_dates.score_date,
        unit_days.shop_id,
        sum(unit_days.unit_count) as units,
        sum(unit_days.replied_count) as replied,
        sum(unit_days.reply_seconds_sum) as reply_seconds,
    from score_dates
    inner join unit_days
        on unit_days.consult_date >= score_dates.score_date - {{ var('tmall_window_days') }}
        and unit_days.consult_date < score_dates.score_date
    group by
        score_dates.score_date,
        unit_days.shop_id

),

shop_values as (

    select
        volumes.score_date,
        volumes.shop_id,
        coalesce(shop_sums.units, 0) as units,
        coalesce(shop_sums.replied, 0) as replied,
        coalesce(shop_sums.reply_seconds, 0) as reply_seconds,
    from volumes
    left join shop_sums
        on volumes.score_date = shop_sums.score_date
        and volumes.shop_id = shop_sums.shop_id

),

metric_rows as (

    select
        score_date,
        shop_id,
        'wangwang_reply_rate' as metric,
        replied as numerator,
        units as denominator,
    from shop_values

    union all

    select
        score_date,
        shop_id,
        'manual_response_seconds' as metric,
        reply_seconds as numerator,
        replied as denominator,
    from shop_values

),

final as (

    select
        score_date,
        'tmall' as scheme,
        shop_id,
        metric,
        cast(numerator as double) as numerator,
        cast(denominator as double) as denominator,
        cast(numerator as double) / nullif(denominator, 0) as value,
        cast(numerator as double) as ranking_numerator,
        cast(denominator as double) as ranking_denominator,
    from metric_rows

)

select
    score_date,
    scheme,
    shop_id,
    metric,
    numerator,
    denominator,
    value,
    ranking_numerator,
    ranking_denominator,
from final
