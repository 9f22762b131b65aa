{#-
    Grain: one row per (score_date, shop_id, metric) for tmall shops with volume > 0, the metrics of
    family 'wangwang_metrics' in seed metric_catalogue (SPEC §6), over consulting units (shop, buyer,
    local date in [D-30, D-1]) with any buyer message:
    - wangwang_reply_rate: units whose first buyer message is followed (at or after it) by an agent
      message on the same local date — a reply after midnight does not count / units;
    - manual_response_seconds: mean, over replied units, of seconds from the first buyer message to
      that first agent message.
    Units: a day's consulting units (the shared int_chat_consulting_units_answered) dated u count for
    D in [u + 1, u + window]; the metric engine (macro metric_unit_windows) adds them up per score
    date, over exact seconds (macro exact_amount). Tmall ranks the plain value.
-#}
with

unit_days as (

    -- a shop's consulting units of one day, both metrics' contributions
    select
        shop_id,
        consult_date,
        count(*) as unit_count,
        count(first_reply_seconds) as replied_count,
        coalesce({{ exact_sum('first_reply_seconds') }}, 0) as reply_seconds_sum,
    from {{ ref('int_chat_consulting_units_answered') }}
    group by
        shop_id,
        consult_date

),

units as (

    select {{ metric_unit('wangwang_reply_rate', 'consult_date', 'replied_count', 'unit_count') }}
    from unit_days
    union all
    select {{ metric_unit('manual_response_seconds', 'consult_date', 'reply_seconds_sum', 'replied_count') }}
    from unit_days

),

final as (

    {{ metric_family_values('tmall', 'wangwang_metrics', 'units', anchored=true) }}

)

select * from final
