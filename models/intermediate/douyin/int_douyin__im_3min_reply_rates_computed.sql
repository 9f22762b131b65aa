{#-
    Grain: one row per (score_date, shop_id) for douyin shops with volume > 0, metric
    im_3min_reply_rate (SPEC §5): conversations whose first buyer message is in W90 = [D-90, D-1]
    and between 08:00:00 and 22:59:59 (vars business_hours_*) that got an agent message within
    reply_window_seconds (180 s; exactly 180 s passes, the same second counts, bots never count) of
    that first message (is_replied_in_window of int_chat_buyer_messages_answered, the one place of
    the rule) / those conversations. The reply is at most 180 s after a message sent by
    22:59:59 on D-1 or earlier, so it is always before D.
    Units: a shop's conversations first messaged on s, counted once per day, count for D in
    [s + 1, s + window] and weigh by s; the metric engine adds them up and applies the weight.
-#}
with

first_messages as (

    select
        shop_id,
        sent_date,
        is_replied_in_window,
    from {{ ref('int_chat_buyer_messages_answered') }}
    where is_conversation_first
        and is_business_hours

),

units as (

    select {{ metric_unit(
        'im_3min_reply_rate', 'sent_date', 'count(*) filter (where is_replied_in_window)', 'count(*)'
    ) }}
    from first_messages
    group by
        shop_id,
        sent_date

),

final as (

    {{ metric_family_values('douyin', 'im_3min_reply_rate', 'units', anchored=true, recency_weighted=true) }}

)

select * from final
