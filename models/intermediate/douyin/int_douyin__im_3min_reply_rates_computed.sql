{#-
    Grain: one row per (score_date, shop_id) for douyin shops with volume > 0, metric
    im_3min_reply_rate (SPEC §5): conversations whose first buyer message is in W90 = [D-90, D-1]
    and between 08:00:00 and 22:59:59 (vars business_hours_*) that got an agent message within
    reply_window_seconds (180 s; exactly 180 s passes, the same second counts, bots never count) of
    that first message / those conversations. The reply is at most 180 s after a message sent by
    22:59:59 on D-1 or earlier, so it is always before D. Conversations are counted once per shop and
    first-message date, then a range join takes each score date's window; ranking inputs weigh a
    conversation by its first buyer message's date.
-#}
with

score_dates as (

    select score_date from {{ ref('int_score_dates_listed') }}

),

volumes as (

    select
        score_date,
        shop_id,
    from {{ ref('int_douyin__shop_volumes_counted') }}
    where volume > 0

),

first_messages as (

    select
        shop_id,
        sent_date,
        response_seconds,
    from {{ ref('int_chat_buyer_messages_answered') }}
    where is_conversation_first
        and is_business_hours

),

conversation_days as (

    select
        shop_id,
        sent_date,
        count(*) as conversation_count,
        count(*) filter (where response_seconds <= {{ var('reply_window_seconds') }}) as replied_count,
    from first_messages
    group by
        shop_id,
        sent_date

),

windowed as (

    select
        score_dates.score_date,
        conversation_days.shop_id,
        power(
            0.5,
            cast(score_dates.score_date - 1 - conversation_days.sent_date as double)
            / {{ var('douyin_half_life_days') }}
        ) as recency_weight,
        conversation_days.conversation_count,
        conversation_days.replied_count,
    from score_dates
    inner join conversation_days
        on conversation_days.sent_date >= score_dates.score_date - {{ var('douyin_window_days') }}
        and conversation_days.sent_date < score_dates.score_date

),

shop_sums as (

    select
        score_date,
        shop_id,
        sum(replied_count) as replied,
        sum(conversation_count) as conversations,
        sum(recency_weight * replied_count) as replied_weighted,
        sum(recency_weight * conversation_count) as conversations_weighted,
    from windowed
    group by
        score_date,
        shop_id

),

final as (

    select
        volumes.score_date,
        'douyin' as scheme,
        volumes.shop_id,
        'im_3min_reply_rate' as metric,
        cast(coalesce(shop_sums.replied, 0) as double) as numerator,
        cast(coalesce(shop_sums.conversations, 0) as double) as denominator,
        cast(shop_sums.replied as double) / nullif(shop_sums.conversations, 0) as value,
        cast(coalesce(shop_sums.replied_weighted, 0) as double) as ranking_numerator,
        cast(coalesce(shop_sums.conversations_weighted, 0) as double) as ranking_denominator,
    from volumes
    left join shop_sums
        on volumes.score_date = shop_sums.score_date
        and volumes.shop_id = shop_sums.shop_id

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
